## Жауаптың дереккөздері (handlers/views.py sources_line): бір жол, сілтемелерімен; күші жойылған актілер мұны айтады.

fact-sources = <i>{ $count ->
        [one] Дереккөзі
       *[other] Дереккөздер
    }: { $items }</i>
layout-source = { $name }, { $date }
layout-source-articles = { $name }, { $articles }, { $date }
fact-article = { $article }-бап
fact-article-point = { $article }-бап { $point }-тармақ
# "ҚР 2015 жылғы 23 қарашадағы № 416-V Заңы 01.07.2026 дейін қолданылды" (Russian agrees "действовал(а)" with $feminine)
fact-ended = { $act } { $until } дейін { $feminine ->
       *[other] қолданылды
    }
fact-now = ⚠️ { $ended }; қазір { $current } қолданылады.
layout-ended-only = ⚠️ { $ended }.
