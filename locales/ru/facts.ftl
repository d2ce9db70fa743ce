## Sources of an answer (handlers/views.py sources_line): one line, with links; acts no longer in force say so.

fact-sources = <i>{ $count ->
        [one] Источник
       *[other] Источники
    }: { $items }</i>
layout-source = { $name }, { $date }
layout-source-articles = { $name }, { $articles }, { $date }
fact-article = ст. { $article }
fact-article-point = ст. { $article } п. { $point }
# "Закон РК от 23.11.2015 № 416-V действовал до 01.07.2026"
fact-ended = { $act } { $feminine ->
        [yes] действовала
       *[other] действовал
    } до { $until }
fact-now = ⚠️ { $ended }; сейчас действует { $current }.
layout-ended-only = ⚠️ { $ended }.
