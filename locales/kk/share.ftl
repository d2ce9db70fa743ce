## Deep links, the share button and inline mode

share-button = 📤 Бөлісу
