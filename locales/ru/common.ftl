## Greeting, help, language, cancel, fallback and errors

start-greeting =
    Здравствуйте, { $name }! Я помогаю разобраться с госслужбой и акиматом.
    Найду любую должность и её категорию, подскажу зарплату, проверю, можете ли вы поступить на госслужбу, и объясню, как обратиться в акимат.

start-hint = Просто напишите, что вас интересует, например: <i>главный специалист</i>, <i>D-O-4</i>, <i>зарплата эксперта</i> или <i>как пожаловаться в акимат</i>.

thanks-reply = Рад помочь! Если появится вопрос — напишите его или выберите раздел:

# Over a reply to a long question: only its start was read (bot.message_parts.MAX_QUERY_CHARS)
text-read-start = ✂️ Сообщение длинное: я прочитал только его начало (до { $max } знаков).

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

menu-title = Главное меню. Выберите раздел:
menu-positions = 🔎 Должности и категории
menu-salary = 💰 Зарплаты
# Half a row on a phone shows about 18 characters: a longer label ("Могу ли я стать госслужащим?") was cut
menu-admission = ✅ Поступление
menu-complaint = 📝 Обращение в акимат
menu-akimat = 🏛 Что такое акимат
menu-language = 🌐 Қазақ тілі
menu-back = ⬅️ Главное меню

help-text =
    <b>Что я умею</b>
    🔎 <b>Должности.</b> Напишите название должности или код категории: <i>главный специалист акимата района</i>, <i>бас маман</i>, <i>Е-Г-3</i>. Можно с опечатками и латиницей. Весь реестр — /positions.
    💰 <b>Зарплаты.</b> <i>Сколько получает главный специалист</i>, <i>зарплата A-4</i> или /salary.
    ✅ <b>Поступление.</b> Проверка требований к кандидату шаг за шагом — /admission.
    📝 <b>Обращение в акимат.</b> Куда писать, что указать, срок ответа и что делать, если не ответили — /complaint. Напоминания о сроке — /reminders.
    🏛 <b>Акимат.</b> Что это за орган, откуда берутся акимы, где найти телефон — /akimat.

    <b>Команды</b>
    /language — сменить язык
    /cancel — выйти из текущего диалога
    /forget — удалить всё, что бот о вас хранит

    Бот справочный: он ничего не подаёт и не отправляет в госорганы от вашего имени. Каждый факт дан с источником и датой.

language-offer = Вы пишете по-русски. Отвечать вам по-русски?
language-offer-command = Вы пишете по-русски. Чтобы я отвечал по-русски, отправьте /language.
language-choose = Выберите язык / Тілді таңдаңыз:
language-already = Я уже говорю по-русски.
language-set = Готово, теперь я говорю по-русски.
language-name-ru = 🇷🇺 Русский
language-name-kk = 🇰🇿 Қазақша

cancel-done = Хорошо, вышли из диалога. Чем ещё помочь?
cancel-nothing = Сейчас нет начатого диалога. Вот главное меню:

forget-confirm = Удалить всё, что бот хранит о вас: выбранный язык, напоминания и незавершённые диалоги? Это нельзя отменить.
forget-yes = 🗑 Да, удалить
forget-no = Нет, оставить
forget-done = Готово: всё, что бот хранил о вас, удалено. Если напишете снова, начнём с чистого листа.
forget-kept = Хорошо, ничего не удалено.

fallback-text = Не совсем понял вопрос. Напишите название должности (например, <i>главный специалист</i>), код категории (<i>D-O-4</i>) или выберите раздел:
fallback-command = Команды { $command } нет. Все команды — в /help. Или выберите раздел:
fallback-non-text = Я понимаю только текст и кнопки — стикеры, фото, голосовые и файлы прочитать не могу. Напишите вопрос словами или выберите раздел:
fallback-empty = Сообщение пустое. Напишите вопрос словами или выберите раздел:
fallback-stale-button = Эта кнопка устарела.
fallback-stale-message = Эта кнопка уже не работает — возможно, сообщение старое или бот обновился. Начнём заново:

error-generic = Простите, что-то пошло не так на нашей стороне. Попробуйте ещё раз чуть позже или откройте /start.
throttle-slow-down = Слишком много сообщений подряд. Подождите пару секунд — я отвечу на следующее.

cmd-start = Главное меню
cmd-help = Что умеет бот
cmd-positions = Реестр должностей
cmd-salary = Зарплаты по категориям
cmd-admission = Могу ли я поступить на госслужбу
cmd-complaint = Как обратиться в акимат
cmd-reminders = Мои напоминания
cmd-akimat = Что такое акимат
cmd-language = Сменить язык
cmd-cancel = Выйти из диалога
cmd-forget = Удалить мои данные

bot-description = Справочник о госслужбе и акиматах Казахстана на русском и казахском: должности и категории (D-O-4, E-G-3…), зарплаты с источником и датой, требования для поступления на госслужбу, как обратиться в акимат и в какой срок ждать ответа.
bot-short-description = Должности, категории и зарплаты госслужащих, поступление на госслужбу и обращения в акимат — на русском и казахском.

console-banner = Офлайн-чат с ботом (без Telegram). Пишите сообщения; [N] нажимает N-ю кнопку, [текст] — кнопку с этим текстом; Ctrl+D — выход.
console-connect = Чтобы подключить бота к Telegram, задайте BOT_TOKEN (токен от @BotFather) в окружении или в файле .env и запустите снова.

## Dates, one way per language (bot.dates.format_date): "02.10.2024"; "март 2026 г."; "18 декабря 2026, пятница"
date-month = { $name } { $year } г.
month-name-1 = январь
month-name-2 = февраль
month-name-3 = март
month-name-4 = апрель
month-name-5 = май
month-name-6 = июнь
month-name-7 = июль
month-name-8 = август
month-name-9 = сентябрь
month-name-10 = октябрь
month-name-11 = ноябрь
month-name-12 = декабрь
date-long = { $day } { $month } { $year }, { $weekday }
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
weekday-0 = понедельник
weekday-1 = вторник
weekday-2 = среда
weekday-3 = четверг
weekday-4 = пятница
weekday-5 = суббота
weekday-6 = воскресенье

# A keyboard of more than six buttons is shown in pages (handlers/views/keyboard.py).
keyboard-more = Ещё…
keyboard-start = ⏮ К началу
keyboard-page-gone = Эти кнопки устарели.
# A press that changes nothing still answers (a short pop-up).
press-unchanged = Это уже на экране.

## A message not understood (handlers/views/unknown.py): what was read in it, the closest topic, what the bot answers
unknown-head = 🤔 Не совсем понял вопрос.
unknown-read = Понял из него: { $things }.
unknown-guess = Возможно, вы об этом: «{ $topic }» — нажмите кнопку ниже.
unknown-near-names = Похожие должности из реестра — нажмите, чтобы открыть:
unknown-near-groups = Похоже, вы о группах реестра — нажмите, чтобы открыть:
unknown-can = Я отвечаю о должностях госслужбы и их категориях, зарплатах, поступлении на госслужбу и обращениях в акимат. Напишите вопрос своими словами или выберите раздел:
unknown-thing-date = дата { $date }
unknown-thing-code = код { $code }
unknown-thing-position = должность «{ $position }»
unknown-thing-level = уровень — { $level }
unknown-thing-age = возраст { $age }
unknown-level-oblast = область
unknown-level-district = район
unknown-level-rural = село
unknown-level-city = город
