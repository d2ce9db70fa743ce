## Greeting, help, language, cancel, fallback and errors

start-greeting =
    Сәлеметсіз бе, { $name }! Мен мемлекеттік қызмет пен әкімдік туралы сұрақтарға жауап беремін.
    Кез келген лауазым мен оның санатын табамын, жалақыны айтамын, мемлекеттік қызметке түсе алатыныңызды тексеремін және әкімдікке қалай жүгіну керегін түсіндіремін.

start-hint = Сізді не қызықтыратынын жазыңыз, мысалы: <i>бас маман</i>, <i>D-O-4</i>, <i>сарапшының жалақысы</i> немесе <i>әкімдікке қалай шағым беремін</i>.

thanks-reply = Көмектескеніме қуаныштымын! Сұрағыңыз болса, жазыңыз немесе бөлімді таңдаңыз:

# Over a reply to a long question: only its start was read (bot.message_parts.MAX_QUERY_CHARS)
text-read-start = ✂️ Хабарлама ұзын екен: тек басын ғана оқыдым ({ $max } таңбаға дейін).

# One separator between a code or a name and what goes with it, in every list, button and inline title:
# "D-O-4 — …", "Главный специалист — C-O-5, D-4"
layout-code-and-title = { $code } — { $title }
# a bullet with its source's number ("• … [2]"), and a line in italics
layout-bullet = • { $text }{ $mark }
layout-sentence = { $text }.
layout-italic = <i>{ $text }</i>
# a dated fact, a deadline, a phone line: an emoji before the text
layout-dated = 📅 { $text }{ $mark }
layout-deadline = ⏱ { $text }
layout-phone = 📞 { $name }. { $text }
# a group and the range of its codes: "E — Аким и маслихат района (E-1 … E-5)"
layout-group-range = { $group } ({ $first } … { $last })

menu-title = Басты мәзір. Бөлімді таңдаңыз:
menu-positions = 🔎 Лауазымдар мен санаттар
menu-salary = 💰 Жалақы
# Half a row on a phone shows about 18 characters: a longer label ("Могу ли я стать госслужащим?") was cut
menu-admission = ✅ Қызметке түсу
menu-complaint = 📝 Әкімдікке өтініш
menu-akimat = 🏛 Әкімдік деген не
menu-language = 🌐 Русский язык
menu-back = ⬅️ Басты мәзір

help-text =
    <b>Не істей аламын</b>
    🔎 <b>Лауазымдар.</b> Лауазым атауын не санат кодын жазыңыз: <i>аудан әкімдігінің бас маманы</i>, <i>главный специалист</i>, <i>Е-Г-3</i>. Қате не латынша жазсаңыз да табамын. Бүкіл тізілім — /positions.
    💰 <b>Жалақы.</b> <i>Бас маман қанша алады</i>, <i>A-4 жалақысы</i> немесе /salary.
    ✅ <b>Қызметке түсу.</b> Талаптарға сай екеніңізді қадам-қадаммен тексеру — /admission.
    📝 <b>Әкімдікке өтініш.</b> Қайда жазу, не көрсету, жауап мерзімі, жауап келмесе не істеу керек — /complaint. Мерзімді еске салу — /reminders.
    🏛 <b>Әкімдік.</b> Ол не істейді, әкімдер қалай тағайындалады не сайланады, телефоны қайда — /akimat.

    <b>Командалар</b>
    /language — тілді ауыстыру
    /cancel — ағымдағы диалогтан шығу
    /forget — бот сақтаған деректеріңізді өшіру

    Бот тек анықтама береді: сіздің атыңыздан органдарға ештеңе жібермейді. Әр деректің дереккөзі мен күні көрсетіледі.

language-offer = Қазақша жазып отырсыз. Сізге қазақша жауап берейін бе?
language-offer-command = Қазақша жазып отырсыз. Қазақша жауап алу үшін /language жіберіңіз.
language-choose = Тілді таңдаңыз / Выберите язык:
language-already = Мен онсыз да қазақша сөйлеймін.
language-set = Дайын, енді қазақша сөйлеймін.
language-name-ru = 🇷🇺 Русский
language-name-kk = 🇰🇿 Қазақша

cancel-done = Жарайды, диалогтан шықтық. Тағы немен көмектесейін?
cancel-nothing = Қазір басталған диалог жоқ. Міне, басты мәзір:

forget-confirm = Бот сіз туралы сақтаған барлық деректі — таңдалған тілді, еске салуларды және аяқталмаған диалогтарды — өшірейін бе? Мұны қайтару мүмкін емес.
forget-yes = 🗑 Иә, өшіру
forget-no = Жоқ, қалсын
forget-done = Дайын: бот сіз туралы сақтаған барлық дерек өшірілді. Қайта жазсаңыз, бәрін басынан бастаймыз.
forget-kept = Жарайды, ештеңе өшірілген жоқ.

fallback-text = Сұрақты толық түсінбедім. Лауазым атауын (мысалы, <i>бас маман</i>), санат кодын (<i>D-O-4</i>) жазыңыз немесе бөлімді таңдаңыз:
fallback-command = { $command } деген команда жоқ. Барлық команда — /help ішінде. Немесе бөлімді таңдаңыз:
fallback-non-text = Мен тек мәтін мен батырмаларды түсінемін — стикер, фото, дауыстық хабарлама мен файлды оқи алмаймын. Сұрағыңызды сөзбен жазыңыз немесе бөлімді таңдаңыз:
fallback-empty = Хабарлама бос. Сұрағыңызды сөзбен жазыңыз немесе бөлімді таңдаңыз:
fallback-stale-button = Бұл батырма ескірген.
fallback-stale-message = Бұл батырма енді жұмыс істемейді — хабарлама ескі болуы немесе бот жаңартылған болуы мүмкін. Басынан бастайық:

error-generic = Кешіріңіз, біздің тарапта қате орын алды. Сәлден кейін қайталап көріңіз немесе /start басыңыз.
throttle-slow-down = Хабарламалар тым жиі келіп жатыр. Бірнеше секунд күте тұрыңыз — келесісіне жауап беремін.

cmd-start = Басты мәзір
cmd-help = Бот не істей алады
cmd-positions = Лауазымдар тізілімі
cmd-salary = Санаттар бойынша жалақы
cmd-admission = Мемлекеттік қызметке түсе аламын ба
cmd-complaint = Әкімдікке қалай жүгінуге болады
cmd-reminders = Еске салуларым
cmd-akimat = Әкімдік деген не
cmd-language = Тілді ауыстыру
cmd-cancel = Диалогтан шығу
cmd-forget = Деректерімді өшіру

bot-description = Қазақстандағы мемлекеттік қызмет пен әкімдіктер туралы қазақ және орыс тіліндегі анықтамалық: лауазымдар мен санаттар (D-O-4, E-G-3…), дереккөзі мен күні көрсетілген жалақы, мемлекеттік қызметке түсу талаптары, әкімдікке қалай жүгіну және жауапты қанша уақыт күту керек.
bot-short-description = Мемлекеттік қызметшілердің лауазымдары, санаттары мен жалақысы, қызметке түсу және әкімдікке өтініш — қазақ және орыс тілінде.

console-banner = Ботпен офлайн чат (Telegram-сыз). Хабарлама жазыңыз; [N] N-ші батырманы, [мәтін] осы мәтіндегі батырманы басады; Ctrl+D — шығу.
console-connect = Ботты Telegram-ға қосу үшін ортада немесе .env файлында BOT_TOKEN (@BotFather берген токен) орнатып, қайта іске қосыңыз.

## Dates, one way per language (bot.dates.format_date): "02.10.2024"; "2026 жылғы наурыз"; "2026 жылғы 18 желтоқсан, жұма"
date-month = { $year } жылғы { $name }
month-name-1 = қаңтар
month-name-2 = ақпан
month-name-3 = наурыз
month-name-4 = сәуір
month-name-5 = мамыр
month-name-6 = маусым
month-name-7 = шілде
month-name-8 = тамыз
month-name-9 = қыркүйек
month-name-10 = қазан
month-name-11 = қараша
month-name-12 = желтоқсан
date-long = { $year } жылғы { $day } { $month }, { $weekday }
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан
weekday-0 = дүйсенбі
weekday-1 = сейсенбі
weekday-2 = сәрсенбі
weekday-3 = бейсенбі
weekday-4 = жұма
weekday-5 = сенбі
weekday-6 = жексенбі

# A keyboard of more than six buttons is shown in pages (handlers/views/keyboard.py).
keyboard-more = Тағы…
keyboard-start = ⏮ Басына
keyboard-page-gone = Бұл батырмалар ескірген.
# A press that changes nothing still answers (a short pop-up).
press-unchanged = Бұл қазір экранда тұр.

## A message not understood (handlers/views/unknown.py): what was read in it, the closest topic, what the bot answers
unknown-head = 🤔 Сұрақты толық түсінбедім.
unknown-read = Одан түсінгенім: { $things }.
unknown-guess = Мүмкін, сұрағыңыз осы туралы шығар: «{ $topic }» — төмендегі батырманы басыңыз.
unknown-near-names = Тізілімдегі ұқсас лауазымдар — ашу үшін басыңыз:
unknown-near-groups = Тізілімнің мына топтары туралы сұрайтын сияқтысыз — ашу үшін басыңыз:
unknown-can = Мен мемлекеттік қызмет лауазымдары мен олардың санаттары, жалақы, мемлекеттік қызметке кіру және әкімдікке өтініш беру туралы жауап беремін. Сұрағыңызды өз сөзіңізбен жазыңыз немесе бөлімді таңдаңыз:
unknown-thing-date = күні { $date }
unknown-thing-code = коды { $code }
unknown-thing-position = лауазым «{ $position }»
unknown-thing-level = деңгейі — { $level }
unknown-thing-age = жасы { $age }
unknown-level-oblast = облыс
unknown-level-district = аудан
unknown-level-rural = ауыл
unknown-level-city = қала
