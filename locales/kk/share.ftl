## Deep links, the share button and inline mode

share-button = 📤 Бөлісу
inline-open-in-bot = 🤖 Ботта ашу
inline-open-bot = Ботты ашу: лауазымдар тізілімі
inline-nothing-found = Ештеңе табылмады — боттан іздеу
share-category-text = Мемлекеттік лауазымдар тізіліміндегі { $code } санаты: органы мен лауазымдары
share-position-text = «{ $name }» — осы мемлекеттік лауазымның санаттары
share-complaint-text = Әкімдікке қалай өтініш беру керек: қайда беру, не жазу және жауапты қашан күту
deeplink-unknown = Бұл сілтеме ескірген немесе қатесі бар — ол бойынша ашатын ештеңе жоқ. Мынадан бастауға болады:
deeplink-no-position = Бұл сілтемедегі лауазым тізілімде жоқ — оның санатын көрсетемін:
