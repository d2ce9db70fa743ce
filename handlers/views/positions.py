"""The register's views: browsing it (families, groups, category cards), the cards that answer a search or a
link, what the register says when nothing matched, and the positions at each akimat level.

Every keyboard here is named by a ``PosCb`` (``keyboard_of`` builds it again from one), so a card of more than
six buttons shows the rest behind "Ещё…". Names on buttons are cut to fit a phone (``fit_button``); messages
keep the full titles.
"""

from __future__ import annotations

from contextlib import suppress
from html import escape

from bot.deeplinks import category_payload, kind_payload, position_payload
from bot.feedback import AnswerKind
from bot.i18n import Html, Translator
from bot.message_parts import MAX_QUERY_CHARS, excerpt
from bot.register import BUTTON_CHARS, Category, Group, Register
from bot.search.results import PositionMatch, SearchResult
from handlers.callbacks import PosCb, PosView, SalaryAct, SalaryCb
from handlers.views.feedback import feedback_row
from handlers.views.keyboard import Key, Keyboard, Row, View, button, rows_of
from handlers.views.share import share_row
from handlers.views.sources import sources_line

# a position's name on a full-row button: what a phone shows before Telegram cuts it (groups use their `short`)
BUTTON_NAME_CHARS = BUTTON_CHARS


def pos_button(label: str, view: PosView, key: str = "") -> Key:
    return button(label, PosCb(view=view, key=key))


def fit_button(text: str, limit: int = BUTTON_NAME_CHARS) -> str:
    """``text`` cut with "…" to fit a full-row button on a phone."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def code_and_title(t: Translator, code: str, title: str) -> str:
    """"E-G — Аким села": a code (or a name) and its title on a button, laid out by the locale (plain text)."""
    return t.plain("layout-code-and-title", code=code, title=title)


def group_label(register: Register, t: Translator, group_code: str, code: str | None = None) -> str:
    """A group's button (its short title), or one of its categories' (``code``): "E-G — Аким села, аула, посёлка"."""
    group = register.group(group_code)
    return code_and_title(t, code or group.code, (group.short or group.title).pick(t.lang))


def name_and_codes(name: str, codes: tuple[str, ...] | list[str], t: Translator) -> str:
    """"Главный специалист — C-O-5…": a name and its categories on one full-row button, as many whole codes as
    fit after the name (cut only when even one code does not fit), so that the phone does not cut the end off."""
    joined = ", ".join(codes)
    layout = len(code_and_title(t, "", ""))  # the characters the layout adds around the two
    if len(name) + layout + len(joined) <= BUTTON_NAME_CHARS:
        return code_and_title(t, name, joined)
    shown = f"{codes[0]}…" if len(codes) > 1 else codes[0]
    name = fit_button(name, BUTTON_NAME_CHARS - layout - len(shown))
    for n in range(len(codes) - 1, 1, -1):  # more codes, while they fit
        more = ", ".join(codes[:n]) + "…"
        if len(name) + layout + len(more) <= BUTTON_NAME_CHARS:
            shown = more
            break
    return code_and_title(t, name, shown)


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def register_source(register: Register, t: Translator) -> str:
    """The card's one line: the register the seed prints and the act in force, linked; names may have changed."""
    return t("positions-source", sources=Html(sources_line(t, [register.provenance.fact])))


def excepted_lines(register: Register, excluded: tuple[str, ...], t: Translator) -> list[str]:
    """What the register says about the posts it excepts from ``excluded`` (position ids), once each."""
    lines: list[str] = []
    for exception in dict.fromkeys(register.position(p).excludes for p in excluded):
        if exception is not None:
            lines += [t("positions-excepted", name=exception.name.pick(t.lang)), escape(exception.explain.pick(t.lang))]
    return lines


def with_start_note(t: Translator, text: str, cut: bool) -> str:
    """``text`` under a line saying that only the start of a long question was read, when it was ``cut``."""
    return f"{t('text-read-start', max=str(MAX_QUERY_CHARS))}\n\n{text}" if cut else text


def _level_line(group: Group, register: Register, t: Translator) -> str | None:
    if group.level is None:
        return None
    return t("positions-level", level=register.akimat_level(group.level).name.pick(t.lang))


def _category_names(category: Category, t: Translator) -> str:
    """The category's positions on one line: "Name; Name (note)"."""
    names = []
    for position in category.positions:
        name = position.name.pick(t.lang)
        names.append(f"{name} ({position.note.pick(t.lang)})" if position.note else name)
    return "; ".join(names)


# ---------------------------------------------------------------- browsing


def root_view(register: Register, t: Translator) -> View:
    text = "\n\n".join([
        t("positions-root", categories=len(register.categories)),
        t("positions-root-hint"),
        register_source(register, t),
    ])
    rows = [[pos_button(f.label(t.lang), PosView.FAMILY, f.letter)] for f in register.families]
    rows.append([pos_button(t("positions-akimat-button"), PosView.AKIMAT)])
    return View(text, Keyboard.of(t, rows, ref=PosCb(view=PosView.ROOT)))


def family_view(register: Register, letter: str, t: Translator) -> View:
    family = register.family(letter)
    if len(family.groups) == 1:
        return group_view(register, family.groups[0].code, t)
    lines = [bold(family.title.pick(t.lang)), ""]
    lines += [t("layout-code-and-title", code=g.code, title=g.title.pick(t.lang)) for g in family.groups]
    rows = [[pos_button(group_label(register, t, g.code), PosView.GROUP, g.code)] for g in family.groups]
    rows.append([pos_button(t("positions-back"), PosView.ROOT)])
    return View(Html("\n".join(lines)), Keyboard.of(t, rows, ref=PosCb(view=PosView.FAMILY, key=letter)))


def group_view(register: Register, code: str, t: Translator) -> View:
    group = register.group(code)
    lines = [
        t("positions-group-title", code=group.code, title=group.title.pick(t.lang)),
        t("positions-body", body=group.body.pick(t.lang)),
    ]
    level = _level_line(group, register, t)
    if level:
        lines.append(level)
    lines.append("")
    lines += [t("layout-code-and-title", code=Html(bold(c.code)), title=_category_names(c, t))
              for c in group.categories]
    family = register.family(group.family)
    back = (pos_button(t("positions-back"), PosView.FAMILY, family.letter) if len(family.groups) > 1
            else pos_button(t("positions-back"), PosView.ROOT))
    rows = [*rows_of([pos_button(c.code, PosView.CATEGORY, c.code) for c in group.categories], 3), [back]]
    return View(Html("\n".join(lines)), Keyboard.of(t, rows, ref=PosCb(view=PosView.GROUP, key=code)))


def category_view(register: Register, code: str, t: Translator) -> View:
    """A category's card: its body, level and positions, with its neighbours, its group and its pay."""
    category = register.category(code)
    group = register.group(category.group_code)
    lines = [
        t("positions-category-title", code=category.code),
        t("positions-body", body=group.body.pick(t.lang)),
    ]
    level = _level_line(group, register, t)
    if level:
        lines.append(level)
    lines += ["", t("positions-list-title")]
    for position in category.positions:
        note = f" ({position.note.pick(t.lang)})" if position.note else ""
        lines.append(escape(f"• {position.name.pick(t.lang)}{note}"))
    lines += ["", register_source(register, t)]
    before, after = register.neighbours(category.code)
    arrows = []
    if before:
        arrows.append(pos_button(f"◀️ {before.code}", PosView.CATEGORY, before.code))
    if after:
        arrows.append(pos_button(f"{after.code} ▶️", PosView.CATEGORY, after.code))
    # the card's pay, as a new message (the card stays): browsing A-4 led nowhere near its 2021 range
    pay = button(t("positions-salary"), SalaryCb(act=SalaryAct.CARD_PAY, ref=category.code))
    rows = [arrows, [pos_button(t("positions-up", code=group.code), PosView.GROUP, group.code), pay]]
    return View(Html("\n".join(lines)), Keyboard.of(t, rows, ref=PosCb(view=PosView.CATEGORY, key=code)))


def match_view(register: Register, matches: tuple[PositionMatch, ...], t: Translator,
               excluded: tuple[str, ...] = ()) -> View:
    """The best match as a card (each of its categories with body and level), the others as buttons;
    ``excluded``: positions of the best name whose exception the query asked about (said under it)."""
    top, others = matches[0], matches[1:]
    lines = [bold(top.name(t.lang)), t("positions-match-categories")]
    for i, (code, position_id) in enumerate(zip(top.category_codes, top.position_ids, strict=True)):
        # the group's title already says the level ("… района"); the category card spells it out
        group = register.group_of(code)
        if top.role_ids:  # a kind of post ("Советник"): the category's posts of that kind say whose
            where = "; ".join(register.position(p).name.pick(t.lang) for p in top.role_ids[i])
            extras = (group.equated,)
        else:
            where = group.title.pick(t.lang)
            extras = (group.equated, register.position(position_id).note)
        for extra in extras:  # "cities count as districts"
            if extra:
                where += f" ({extra.pick(t.lang)})"
        lines.append(f"• {bold(code)} — {escape(where)}")
    if excluded:
        lines += ["", *excepted_lines(register, excluded, t)]
    if others:
        lines += ["", t("positions-also")]
        lines += [escape(f"• {m.name(t.lang)} — {', '.join(m.category_codes)}") for m in others]
    lines += ["", register_source(register, t)]
    rows = rows_of([pos_button(code, PosView.CATEGORY, code) for code in top.category_codes], 4)
    rows += [(pos_button(fit_button(m.name(t.lang)), PosView.NAME, m.position_ids[0]),) for m in others]
    rows.append((pos_button(t("positions-browse"), PosView.ROOT),))
    ref = PosCb(view=PosView.MATCH, key=match_key(register, matches))
    return View(Html("\n".join(lines)), Keyboard.of(t, rows, ref=ref))


def name_match(register: Register, position_id: str) -> PositionMatch:
    """Every category of the name carried by ``position_id`` (no qualifier narrowing), as a search's match."""
    positions = register.same_name(position_id)
    first = positions[0]
    return PositionMatch(first.name.ru, first.name.kk, tuple(p.category_code for p in positions),
                         tuple(p.id for p in positions), 100.0)


def name_view(register: Register, position_id: str, t: Translator) -> View:
    """Every category of the name carried by ``position_id`` (no qualifier narrowing)."""
    view = match_view(register, (name_match(register, position_id),), t)
    return View(view.text, view.keyboard.named(PosCb(view=PosView.NAME, key=position_id)))


ALL_LEVELS = "all"  # PosView.AKIMAT's key for every level's posts at once


def akimat_view(register: Register, t: Translator, levels: tuple[str, ...] = ()) -> View:
    """Positions at each akimat level (or the given ones) with their codes, and buttons to drill down."""
    chosen = [lvl for lvl in register.akimat_levels if not levels or lvl.id in levels]
    lines = [t("positions-akimat-title"), t("positions-akimat-intro")]
    for level in chosen:
        lines += ["", bold(level.name.pick(t.lang))]
        for group in level.groups:
            lines.append(f"<i>{t('layout-code-and-title', code=group.code, title=group.title.pick(t.lang))}</i>")
            lines += [f"{bold(c.code)}: {escape(_category_names(c, t))}" for c in group.categories]
    lines += ["", register_source(register, t)]
    rows = [[pos_button(group_label(register, t, g.code), PosView.GROUP, g.code)]
            for level in chosen for g in level.groups]
    if len(chosen) == 1:
        rows.append([pos_button(t("positions-akimat-all"), PosView.AKIMAT, ALL_LEVELS)])
    rows.append([pos_button(t("positions-browse"), PosView.ROOT)])
    shown = chosen[0].id if len(chosen) == 1 else ALL_LEVELS  # its further pages are built again from this
    return View(Html("\n".join(lines)), Keyboard.of(t, rows, ref=PosCb(view=PosView.AKIMAT, key=shown)))


def akimat_levels_view(register: Register, t: Translator, rated: bool = True) -> View:
    """"Какие должности есть в акимате" in short: each akimat level with its groups and their codes, a button per
    level for its posts (``akimat_view`` of that level), rated; browsed from the register (``rated=False``), the way
    back to it instead of the rating."""
    lines = [t("positions-akimat-title"), t("positions-akimat-levels-intro")]
    for level in register.akimat_levels:
        lines += ["", f"<b>{t(f'positions-level-button-{level.id}')}</b>"]
        for group in level.groups:
            first, last = group.categories[0].code, group.categories[-1].code
            lines.append(t("layout-group-range", group=group_label(register, t, group.code), first=first,
                           last=last))
    lines += ["", t("positions-akimat-pick"), register_source(register, t)]
    rows = [[pos_button(t(f"positions-level-button-{level.id}"), PosView.AKIMAT, level.id)]
            for level in register.akimat_levels]
    if not rated:
        rows.append([pos_button(t("positions-browse"), PosView.ROOT)])
        return View(Html("\n".join(lines)), Keyboard.of(t, rows, ref=PosCb(view=PosView.AKIMAT)))
    rows.append(feedback_row(t, AnswerKind.AKIMAT))
    return View(Html("\n".join(lines)), Keyboard.of(t, rows))  # six buttons: one page, no ref


def akimat_answer(register: Register, t: Translator, levels: tuple[str, ...] = ()) -> View:
    """The akimat overview answering a question, rated."""
    view = akimat_view(register, t, levels)
    return View(view.text, view.keyboard.with_rows(feedback_row(t, AnswerKind.AKIMAT))
                .named(PosCb(view=PosView.AKIMAT_LEVELS, key=",".join(levels))))


# ---------------------------------------------------------------- what was not found


def not_found_view(register: Register, result: SearchResult, t: Translator) -> View:
    if result.excluded:  # the register excepts what was asked from the name's category: say so, show the category
        text = Html("\n".join([*excepted_lines(register, result.excluded, t), "", register_source(register, t)]))
        ref = PosCb(view=PosView.EXCEPTED, key=register.pack_positions(result.excluded))
    elif result.unknown_code and (group := register.closest_group(result.unknown_code)) is not None:
        # "D-O-7", "Е-Г-0": the categories of the group the code would belong to
        codes = [c.code for c in group.categories]
        text = t("positions-unknown-code-group", code=result.unknown_code, group=group.code, first=codes[0],
                 last=codes[-1])
        ref = PosCb(view=PosView.UNKNOWN_CODE, key=result.unknown_code)
    elif result.unknown_code:
        text = t("positions-unknown-code", code=result.unknown_code)
        ref = PosCb(view=PosView.UNKNOWN_CODE, key=result.unknown_code)
    elif result.suggestions:
        key = "positions-scope-missed" if result.scope_missed else "positions-suggest"
        text = t(key, query=excerpt(result.query))
        ref = PosCb(view=PosView.SUGGESTED, key=register.pack_positions(s.position_ids[0] for s in result.suggestions))
    elif result.scope:
        text = t("positions-not-found-scope", query=excerpt(result.query))
        ref = PosCb(view=PosView.SCOPE, key=",".join(result.scope))
    else:
        text = t("positions-not-found", query=excerpt(result.query))
        ref = PosCb(view=PosView.SCOPE, key="")
    return View(text, not_found_keyboard(register, t, ref))


def not_found_keyboard(register: Register, t: Translator, ref: PosCb) -> Keyboard:
    """What a not-found answer offers, named by ``ref`` (see ``not_found_view``)."""
    rows: list[Row] = []
    if ref.view is PosView.EXCEPTED:
        codes = dict.fromkeys(register.position(p).category_code for p in register.unpack_positions(ref.key))
        rows += [(pos_button(group_label(register, t, register.group_of(code).code, code), PosView.CATEGORY,
                             code),) for code in codes]
    elif ref.view is PosView.UNKNOWN_CODE and (group := register.closest_group(ref.key)) is not None:
        rows += rows_of([pos_button(c.code, PosView.CATEGORY, c.code) for c in group.categories], 3)
        rows.append((pos_button(group_label(register, t, group.code), PosView.GROUP, group.code),))
    elif ref.view is PosView.UNKNOWN_CODE:
        family = ref.key[:1]
        with suppress(KeyError):
            rows.append((pos_button(register.family(family).label(t.lang), PosView.FAMILY, family),))
    elif ref.view is PosView.SUGGESTED:
        for position_id in register.unpack_positions(ref.key):
            match = name_match(register, position_id)
            rows.append((pos_button(name_and_codes(match.name(t.lang), match.category_codes, t), PosView.NAME,
                                    position_id),))
    elif ref.view is PosView.SCOPE and ref.key:
        rows += [(pos_button(group_label(register, t, code), PosView.GROUP, code),) for code in ref.key.split(",")]
    rows.append((pos_button(t("positions-browse"), PosView.ROOT),))
    return Keyboard.of(t, rows, ref=ref)


# ---------------------------------------------------------------- cards as answers


def match_payload(register: Register, match: PositionMatch) -> str:
    """The start payload that opens ``match``'s card: ``kind_…`` for a kind of post (with its categories when
    the card shows only some), else ``pos_…`` of its first position (a name's card lists all its categories)."""
    if not match.role:
        return position_payload(match.position_ids[0])
    whole = register.kind_of_post(match.role)
    narrowed = whole is not None and whole.category_codes != match.category_codes
    return kind_payload(match.role, match.category_codes if narrowed else ())


def match_key(register: Register, matches: tuple[PositionMatch, ...]) -> str:
    """The key of a search's card: the best match's positions, then each other match's first, packed (a kind of
    post's with its id before "_"), separated by "."."""
    top, others = matches[0], matches[1:]

    def key(match: PositionMatch, ids: tuple[str, ...]) -> str:
        return (f"{match.role}_" if match.role else "") + register.pack_positions(ids)

    return ".".join([key(top, top.position_ids), *(key(m, m.position_ids[:1]) for m in others)])


def matches_of_key(register: Register, key: str) -> tuple[PositionMatch, ...]:
    """The matches ``match_key`` wrote, as far as a card's keyboard needs them; ValueError/KeyError if stale."""
    matches = []
    for part in key.split("."):
        role, _, packed = part.rpartition("_")
        ids = register.unpack_positions(packed)
        if not ids:
            raise ValueError(f"an empty match in {key!r}")
        if role:
            found = register.kind_of_post(role, [register.position(p).category_code for p in ids])
            if found is None:
                raise KeyError(f"no kind of post {role!r}")
            found = found.only([found.position_ids.index(p) for p in ids])  # in the order the card had them
        else:
            first = register.position(ids[0])
            found = PositionMatch(first.name.ru, first.name.kk, tuple(register.position(p).category_code for p in ids),
                                  ids, 100.0)
        matches.append(found)
    return tuple(matches)


def category_share(register: Register, t: Translator, username: str | None, code: str) -> Row:
    return share_row(t, username, category_payload(code), t("share-category-text", code=code))


def name_share(register: Register, t: Translator, username: str | None, position_id: str) -> Row:
    name = Html(register.position(position_id).name.pick(t.lang))  # plain text in a link, nothing to escape
    return share_row(t, username, position_payload(position_id), t("share-position-text", name=name))


def match_share(register: Register, t: Translator, username: str | None, match: PositionMatch) -> Row:
    # a kind of post's card ("Советник") lists posts of several names: its link names the kind and the categories
    # shown; a name's card opens from any of its positions
    if match.role:
        return share_row(t, username, match_payload(register, match),
                         t("share-position-text", name=Html(match.name(t.lang))))
    return name_share(register, t, username, match.position_ids[0])


def rated_category(register: Register, t: Translator, username: str | None, code: str) -> View:
    """A category's card as an answer (a code typed, a link): with 👍 / 👎 and "Поделиться"."""
    view = category_view(register, code, t)
    keyboard = view.keyboard.with_rows(feedback_row(t, AnswerKind.CATEGORY),
                                       category_share(register, t, username, code))
    return View(view.text, keyboard.named(PosCb(view=PosView.RATED_CATEGORY, key=code)))


def rated_name(register: Register, t: Translator, username: str | None, position_id: str) -> View:
    """A name's card as an answer (a position link), rated and shareable."""
    view = name_view(register, position_id, t)
    keyboard = view.keyboard.with_rows(feedback_row(t, AnswerKind.POSITION),
                                       name_share(register, t, username, position_id))
    return View(view.text, keyboard.named(PosCb(view=PosView.RATED_NAME, key=position_id)))


def rated_match(register: Register, t: Translator, username: str | None, matches: tuple[PositionMatch, ...],
                excluded: tuple[str, ...] = ()) -> View:
    """A search's card (or a kind of post's, from a link), rated and shareable."""
    view = match_view(register, matches, t, excluded)
    return View(view.text, view.keyboard.with_rows(feedback_row(t, AnswerKind.POSITION),
                                                   match_share(register, t, username, matches[0])))


def search_view(register: Register, result: SearchResult, t: Translator, username: str | None) -> View:
    """The answer to a search: the category's card, the best name's card, or what was not found."""
    if result.kind == "category" and result.category_code:
        return rated_category(register, t, username, result.category_code)
    if result.kind == "positions":
        return rated_match(register, t, username, result.matches, result.excluded)
    return not_found_view(register, result, t)


def browse_view(register: Register, t: Translator, target: PosCb, username: str | None) -> View:
    """The view a browsing button opens in place (``BROWSE_VIEWS``); a card with its "Поделиться" link.
    KeyError for a code or id the register no longer has."""
    if target.view is PosView.ROOT:
        return root_view(register, t)
    if target.view is PosView.FAMILY:
        return family_view(register, target.key, t)
    if target.view is PosView.GROUP:
        return group_view(register, target.key, t)
    if target.view is PosView.CATEGORY:
        view = category_view(register, target.key, t)
        return View(view.text, view.keyboard.with_rows(category_share(register, t, username, target.key)))
    if target.view is PosView.NAME:
        view = name_view(register, target.key, t)
        return View(view.text, view.keyboard.with_rows(name_share(register, t, username, target.key)))
    if target.view is PosView.AKIMAT:  # key: one level's posts, or every level's; none: the levels in short
        if not target.key:
            return akimat_levels_view(register, t, rated=False)
        return akimat_view(register, t, () if target.key == ALL_LEVELS else (target.key,))
    raise KeyError(f"not a view to browse: {target.view}")


def keyboard_of(register: Register, t: Translator, target: PosCb, username: str | None) -> Keyboard:
    """The keyboard ``target`` names, built again for its further pages; KeyError/ValueError if stale."""
    view = target.view
    if view in {PosView.EXCEPTED, PosView.UNKNOWN_CODE, PosView.SUGGESTED, PosView.SCOPE}:
        return not_found_keyboard(register, t, target)
    if view is PosView.RATED_CATEGORY:
        return rated_category(register, t, username, target.key).keyboard
    if view is PosView.RATED_NAME:
        return rated_name(register, t, username, target.key).keyboard
    if view is PosView.MATCH:
        return rated_match(register, t, username, matches_of_key(register, target.key)).keyboard
    if view is PosView.AKIMAT_LEVELS:
        return akimat_answer(register, t, tuple(target.key.split(",")) if target.key else ()).keyboard
    return browse_view(register, t, target, username).keyboard
