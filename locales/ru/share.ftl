## Deep links, the share button and inline mode

share-button = 📤 Поделиться
inline-open-in-bot = 🤖 Открыть в боте
inline-open-bot = Открыть бота: реестр должностей
inline-nothing-found = Ничего не нашлось — поискать в боте
share-category-text = Категория { $code } в реестре госдолжностей: орган и должности
share-position-text = «{ $name }» — категории этой госдолжности
