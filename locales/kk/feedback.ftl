## Answer ratings and the admins' /stats

feedback-up = 👍 Пайдалы
feedback-down = 👎 Көмектеспеді
feedback-up-chosen = 👍 Пайдалы ✓
feedback-down-chosen = 👎 Көмектеспеді ✓
feedback-thanks = Бағалағаныңызға рахмет!

stats-title = 📊 <b>Бот статистикасы</b>
stats-users = Пайдаланушылар: { $total } (орыс тілін таңдағандар — { $ru }, қазақ тілін — { $kk }, тіл таңдамағандар — { $none })
stats-questions-title = <b>Тақырыптар бойынша сұрақтар</b>:
stats-question-line = • { $kind }: 7 күнде { $week }, барлығы { $total }
stats-ratings-title = <b>Жауаптардың бағасы</b>:
stats-rating-line = • { $kind }: 👍 { $up }, 👎 { $down } — пайдалы { $percent }%
stats-misses-title = <b>Жауапсыз қалған сұраулар</b> — ең жиілері (әртүрлі сұраулар саны: { $distinct }):
stats-miss-line = { $n }. «{ $text }» — { $count } рет, соңғысы { $day }
stats-none-yet = әзірге дерек жоқ

stats-kind-position = Лауазымдар
stats-kind-category = Санаттар
stats-kind-salary = Жалақы
stats-kind-complaint = Әкімдікке өтініш
stats-kind-admission = Мемлекеттік қызметке түсу
stats-kind-akimat = Әкімдік туралы
stats-kind-draft = Өтініш жобалары
stats-kind-unanswered = Жауапсыз
