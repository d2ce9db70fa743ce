## Positions: search results, category cards, browsing the register, positions in an akimat

positions-root = <b>Реестр административных государственных должностей</b>
    { $categories } { $categories ->
        [one] категория
        [few] категории
       *[many] категорий
    } в группах A–E. Выберите группу:
positions-root-hint = Или просто напишите должность или код категории, например: <i>главный специалист акимата района</i>, <i>бас маман</i>, <i>D-O-4</i>.
positions-source = { $sources }<i>; названия должностей в действующем реестре могли измениться.</i>
positions-akimat-button = 🏛 Какие должности есть в акимате
positions-back = ◀️ Назад
positions-browse = 📚 Весь реестр
positions-level = Уровень: { $level }
positions-body = Орган: { $body }

positions-group-title = <b>Группа { $code }</b> — { $title }

positions-category-title = <b>Категория { $code }</b>
positions-list-title = <b>Должности:</b>
positions-up = ⬆️ Группа { $code }
positions-salary = 💰 Зарплата

positions-duties-not-in-data = ℹ️ Должностных обязанностей в данных бота нет: ищите их в объявлении о конкурсе на должность или спросите сам госорган. Вот что о ней говорит реестр:
positions-match-categories = Категории и органы:
positions-also = Похожие должности:

positions-unknown-code = Категории <b>{ $code }</b> в реестре нет. Посмотрите категории этой группы:
positions-unknown-code-group = Категории <b>{ $code }</b> в реестре нет. В группе { $group } есть категории с { $first } по { $last }:
positions-suggest = Должность «{ $query }» в реестре не нашёл. Возможно, вы имели в виду:
positions-scope-missed = В этом органе должности «{ $query }» в реестре нет. Похожие должности есть в других органах:
positions-not-found-scope = Должности «{ $query }» в реестре административных должностей нет. Вот группы, о которых вы, похоже, спрашиваете:
positions-not-found = Должность «{ $query }» в реестре не нашёл. Попробуйте написать по-другому (например, <i>главный специалист</i>) или откройте весь реестр.

positions-akimat-title = <b>Какие должности есть в акимате</b>
positions-akimat-intro = Административные должности в аппаратах акимов и маслихатов и в местных исполнительных органах, по реестру, с кодами категорий:
positions-akimat-levels-intro = По реестру административных должностей — группы категорий на каждом уровне:
positions-akimat-pick = Нажмите уровень, чтобы увидеть его должности.
positions-level-button-oblast = 🏛 Область
positions-level-button-district = 🏛 Район, город обл. значения
positions-level-button-rural = 🏛 Село, аул, посёлок
positions-akimat-all = 🏛 Все уровни акиматов

# A post the register excepts from a category (D-1 "за исключением аппарата акима области"); the reason follows from data/register.yaml.
positions-excepted = <b>{ $name }</b> — в реестре административных должностей такой должности нет.
