# «Могу ли я поступить на госслужбу?» — пошаговая проверка требований.

admission-title = <b>Могу ли я поступить на государственную службу?</b>
admission-main = Главное, что для этого нужно:
admission-intro = Отвечайте на вопросы кнопками — в конце будет вывод с источниками и дальнейшие шаги. Речь об административных должностях (корпус «Б»).
admission-progress = Вопрос { $current }  { $bar }
admission-back = ◀️ Назад
admission-first-step = Это первый вопрос — назад некуда.
admission-at-start = Это первый вопрос — начинать заново не нужно.
admission-show-route = 📋 Что дальше: тест и конкурс
admission-to-verdict = ◀️ К выводу
admission-restart = 🔄 Начать заново
admission-prefilled = Ваше сообщение касается требования: { $requirements }. Этот ответ уже учтён.
admission-prefilled-undo = Если он неверен, нажмите «Назад».
admission-prefilled-age = вам { $years } { $years ->
        [one] год
        [few] года
       *[many] лет
    }
admission-use-buttons = Ответьте кнопкой под вопросом 👇
admission-stale = Эта кнопка из старого сообщения — начинаю проверку заново.
admission-cancelled = Проверка остановлена. Начать снова: /admission

admission-requirement-citizenship = гражданство
admission-requirement-age_min = возраст
admission-requirement-retirement = пенсионный возраст
admission-requirement-education = образование
admission-requirement-capacity = дееспособность
admission-requirement-dismissal = увольнение по отрицательным мотивам
admission-requirement-transfer_penalty = взыскание за коррупционное правонарушение
admission-requirement-judge_negative = прекращение полномочий судьи
admission-requirement-checks = специальная проверка и декларация
admission-requirement-side_work = другая оплачиваемая работа
admission-requirement-relatives = родственники в подчинении

admission-q-citizenship = Вы гражданин Республики Казахстан?
admission-opt-citizenship-kz = Да, гражданин РК
admission-opt-citizenship-other = Нет
admission-q-age = Вам уже исполнилось 18 лет?
admission-opt-age-adult = Да, мне 18 или больше
admission-opt-age-minor = Нет, мне меньше 18
admission-q-education = Соответствует ли ваше образование квалификационным требованиям должности, которую вы выбрали? Их утверждает госорган: уточните их в объявлении о конкурсе или у самого органа.
admission-opt-education-match = Да, соответствует
admission-opt-education-unsure = Не знаю
admission-opt-education-mismatch = Нет
admission-q-restrictions = Относится ли к вам что-то из этого?
admission-opt-restrictions-none = Нет, ничего из этого
admission-opt-restrictions-retired = Достиг(ла) пенсионного возраста
admission-opt-restrictions-incapable = Суд признал меня недееспособным
admission-opt-restrictions-unsure = Не уверен(а)
admission-q-dismissal = Вас увольняли со службы по отрицательным мотивам?
admission-opt-dismissal-none = Нет
admission-opt-dismissal-ethics = Да, за нарушение этики
admission-opt-dismissal-discredit = Да, за дискредитацию службы
admission-opt-dismissal-corruption = Да, за коррупционное нарушение
admission-opt-dismissal-unknown = Да, основание не знаю
admission-q-dismissal_ago = Сколько времени прошло после увольнения?
admission-opt-dismissal_ago-lt1 = Меньше года
admission-opt-dismissal_ago-y1 = От 1 до 2 лет
admission-opt-dismissal_ago-y2 = От 2 до 3 лет
admission-opt-dismissal_ago-y3 = 3 года или больше
admission-q-status = Кто вы сейчас? Закон 1999 года позволял некоторым занять должность без конкурса — покажу, что он об этом говорил. Депутаты маслихата здесь — только работающие на постоянной основе.
admission-opt-status-none = Никто из перечисленных
admission-opt-status-servant = Административный госслужащий
admission-opt-status-deputy = Депутат Парламента или маслихата
admission-opt-status-political = Политический госслужащий
admission-opt-status-judge = Бывший судья
admission-q-penalty = Есть ли у вас не снятое дисциплинарное взыскание за коррупционное правонарушение?
admission-opt-penalty-clear = Нет
admission-opt-penalty-active = Да, есть
admission-q-judge_left = Как были прекращены ваши полномочия судьи?
admission-opt-judge_left-normal = Не по отрицательным мотивам
admission-opt-judge_left-negative = По отрицательным мотивам
admission-q-checks = Готовы ли вы пройти специальную проверку и подать декларацию о доходах и имуществе?
admission-opt-checks-ready = Да, готов(а)
admission-opt-checks-refuse = Нет
admission-q-side_work = Есть ли у вас бизнес или другая оплачиваемая работа?
admission-opt-side_work-none = Нет
admission-opt-side_work-allowed = Преподавание, наука, творчество
admission-opt-side_work-quit = Есть, готов(а) оставить
admission-opt-side_work-keep = Есть, хочу сохранить
admission-q-relatives = Окажетесь ли вы в прямом подчинении у близкого родственника или супруга (или станете их прямым руководителем)?
admission-opt-relatives-none = Нет
admission-opt-relatives-unsure = Не знаю
admission-opt-relatives-direct = Да

admission-verdict-meets = ✅ <b>Вы соответствуете основным требованиям.</b> Окончательно решают тестирование, конкурс и специальная проверка.
admission-verdict-not_yet = ⛔ <b>Пока нет</b>, потому что:
admission-verdict-needs_check = ❓ <b>Нужно уточнить</b> перед подачей документов:
admission-stopped-early = Остальные вопросы не нужны: этот ответ уже решает дело. Ошиблись — нажмите «Назад».
admission-reason-advice = Что делать: { $advice }
admission-reason-check = Как проверить: { $check }
admission-notes-title = <b>Учтите:</b>
admission-route-page-title = <b>Как поступают на административную госслужбу: отбор по шагам</b>
admission-check-me = ✅ Проверить, подхожу ли я
admission-route-title = <b>Что дальше</b>
admission-route-test =
    1. Тестирование на знание законодательства. По правилам, действовавшим до { $until }, — { $questions } { $questions ->
        [one] вопрос
        [few] вопроса
       *[many] вопросов
    } за { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
       *[many] минут
    }: { $acts }. Нужно было не меньше { $pass_total } { $pass_total ->
        [one] верного ответа
       *[other] верных ответов
    } и не меньше { $pass_per_act } по каждому акту.
admission-route-vacancies = <b>Где вакансии.</b> { $text }
admission-route-reserve = <b>Если не прошли.</b> { $text }
admission-ways-title = <b>Без конкурса</b>, по Закону 1999 года, должность могли занять:
admission-ways-yours = <b>Без конкурса</b>, по Закону 1999 года, должность могли занять { $way }.
admission-caveat = <i>Важно: { $text }</i>

## Short answers about the selection (the test, probation, the route)
admission-route-button = 📋 Весь порядок отбора
admission-test-title = <b>Тестирование на знание законодательства</b>
admission-test = По правилам, действовавшим до { $until }, — { $questions } { $questions ->
        [one] вопрос
        [few] вопроса
       *[many] вопросов
    } за { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
       *[many] минут
    }: { $acts }. Нужно было не меньше { $pass_total } { $pass_total ->
        [one] верного ответа
       *[other] верных ответов
    } и не меньше { $pass_per_act } по каждому акту.
admission-route-short-title = <b>Отбор на госслужбу по шагам</b>
admission-probation-title = <b>Испытательный срок</b>
admission-route-test-step = 1. Тестирование на знание законодательства
