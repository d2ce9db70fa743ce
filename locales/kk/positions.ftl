## Лауазымдар: іздеу нәтижелері, санат карточкалары, тізілімді шолу, әкімдіктегі лауазымдар

positions-root = <b>Әкімшілік мемлекеттік лауазымдардың тізілімі</b>
    A–E топтарында { $categories } санат. Топты таңдаңыз:
positions-root-hint = Немесе лауазым атауын не санат кодын жазыңыз, мысалы: <i>аудан әкімдігінің бас маманы</i>, <i>главный специалист</i>, <i>D-O-4</i>.
positions-source = { $sources }<i>; қолданыстағы тізілімде лауазым атаулары өзгерген болуы мүмкін.</i>
positions-akimat-button = 🏛 Әкімдіктегі лауазымдар
positions-back = ◀️ Артқа
positions-browse = 📚 Бүкіл тізілім
positions-level = Деңгей: { $level }
positions-body = Мемлекеттік орган: { $body }

positions-group-title = <b>{ $code } тобы</b> — { $title }

positions-category-title = <b>{ $code } санаты</b>
positions-list-title = <b>Лауазымдар:</b>
positions-up = ⬆️ { $code } тобы
positions-salary = 💰 Жалақы

positions-duties-not-in-data = ℹ️ Бот деректерінде лауазымдық міндеттер жоқ: оларды лауазымға конкурс туралы хабарландырудан іздеңіз немесе мемлекеттік органның өзінен сұраңыз. Тізілім бұл лауазым туралы мынаны айтады:
positions-match-categories = Санаттар мен органдар:
positions-also = Ұқсас лауазымдар:

positions-unknown-code = Тізілімде <b>{ $code }</b> санаты жоқ. Осы топтың санаттарын қараңыз:
positions-unknown-code-group = Тізілімде <b>{ $code }</b> санаты жоқ. { $group } тобында { $first } – { $last } санаттары бар:
positions-suggest = «{ $query }» лауазымы тізілімнен табылмады. Мүмкін, мынаны іздеген шығарсыз:
positions-scope-missed = Бұл органда «{ $query }» лауазымы тізілімде жоқ. Ұқсас лауазымдар басқа органдарда бар:
positions-not-found-scope = Әкімшілік лауазымдар тізілімінде «{ $query }» лауазымы жоқ. Сіз сұрап отырған топтар, шамасы, мыналар:
positions-not-found = «{ $query }» лауазымы тізілімнен табылмады. Басқаша жазып көріңіз (мысалы, <i>бас маман</i>) немесе бүкіл тізілімді ашыңыз.

positions-akimat-title = <b>Әкімдікте қандай лауазымдар бар</b>
positions-akimat-intro = Тізілім бойынша әкімдер мен мәслихаттар аппараттарындағы және жергілікті атқарушы органдардағы әкімшілік лауазымдар, санат кодтарымен:
positions-akimat-levels-intro = Әкімшілік лауазымдар тізілімі бойынша — әр деңгейдегі санаттар топтары:
positions-akimat-pick = Лауазымдарын көру үшін деңгейді басыңыз.
positions-level-button-oblast = 🏛 Облыс
positions-level-button-district = 🏛 Аудан, облыстық қала
positions-level-button-rural = 🏛 Ауыл, кент
positions-akimat-all = 🏛 Әкімдіктің барлық деңгейлері

# Тізілім санаттан шығарып тастаған лауазым (D-1 «облыс әкімінің аппаратын қоспағанда»); себебі data/register.yaml-дан.
positions-excepted = <b>{ $name }</b> — әкімшілік мемлекеттік лауазымдар тізілімінде мұндай лауазым жоқ.
