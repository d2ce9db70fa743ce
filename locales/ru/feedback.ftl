## Answer ratings and the admins' /stats

feedback-up = 👍 Полезно
feedback-down = 👎 Не помогло
feedback-up-chosen = 👍 Полезно ✓
feedback-down-chosen = 👎 Не помогло ✓
feedback-thanks = Спасибо за оценку!

stats-title = 📊 <b>Статистика бота</b>
stats-users = Пользователей: { $total } (выбрали русский — { $ru }, казахский — { $kk }, язык не выбирали — { $none })
stats-questions-title = <b>Вопросы по темам</b>:
stats-question-line = • { $kind }: { $week } за 7 дней, { $total } всего
stats-ratings-title = <b>Оценки ответов</b>:
stats-rating-line = • { $kind }: 👍 { $up }, 👎 { $down } — полезно { $percent }%
stats-misses-title = <b>Без ответа</b> — чаще всего (разных запросов: { $distinct }):
stats-miss-line = { $n }. «{ $text }» — { $count } { $count ->
        [one] раз
        [few] раза
       *[other] раз
    }, последний { $day }
stats-none-yet = пока нет данных

stats-kind-position = Должности
stats-kind-category = Категории
stats-kind-salary = Зарплаты
stats-kind-complaint = Обращения в акимат
stats-kind-admission = Поступление на госслужбу
stats-kind-akimat = Об акимате
stats-kind-draft = Черновики обращений
stats-kind-unanswered = Без ответа
