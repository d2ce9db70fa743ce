## Deep links, the share button and inline mode

share-button = 📤 Поделиться
inline-open-in-bot = 🤖 Открыть в боте
inline-open-bot = Открыть бота: реестр должностей
inline-nothing-found = Ничего не нашлось — поискать в боте
share-category-text = Категория { $code } в реестре госдолжностей: орган и должности
share-position-text = «{ $name }» — категории этой госдолжности
share-complaint-text = Как обратиться в акимат: куда подать, что написать и когда ждать ответа
share-akimat-text = Что такое акимат, что он делает и кто назначает или избирает акима — коротко, с источниками
deeplink-unknown = Эта ссылка устарела или в ней ошибка — открыть по ней нечего. Вот с чего можно начать:
deeplink-no-position = Должности из этой ссылки в реестре нет — показываю её категорию:
