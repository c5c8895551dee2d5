"""Every text an admin (curator) reads, in English and Russian, in one place; no Telegram here.

Admins get their replies in their own language, chosen like a user's (their /language choice, else their
Telegram app language, else English). Texts are Telegram HTML. ``admin_text(key, language, **values)``
escapes every inserted value, so fact and user text can be passed as is. Fact content is never translated:
it is shown as stored. Details that come from the validators (a pydantic message, a YAML line) stay as
they are written there.

Usage:

    admin_text("deleted", "ru", id="tajikistan-turnout", version=3)
    counted(3, "fact", "ru")  # "3 факта"
"""

from __future__ import annotations

import html

DEFAULT_LANGUAGE = "en"

ADMIN_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # access (the Telegram layer)
        "not_allowed": "⛔ Not allowed: this command is only for the bot's editors.",
        "private_only": "Admin commands work only in a private chat with me.",
        "stale": "This button is no longer valid.",
        # usage
        "usage_facts": (
            "Usage: <code>/facts [country]</code>, e.g. <code>/facts kyrgyzstan</code> or <code>/facts national</code>"
        ),
        "usage_fact": "Usage: <code>/fact &lt;id&gt;</code>, e.g. <code>/fact tajikistan-turnout</code> (ids: /facts)",
        "usage_add": "Usage: <code>/add</code> followed, in the same message, by one fact as YAML:",
        "usage_set": (
            "Usage: <code>/set &lt;id&gt; &lt;field&gt; &lt;value&gt;</code>, e.g. "
            "<code>/set tajikistan-turnout figures.voters 9600</code> or "
            "<code>/set tajikistan-turnout answer.en ...</code>"
        ),
        "usage_delete": "Usage: <code>/delete &lt;id&gt;</code>",
        "usage_history": "Usage: <code>/history &lt;id&gt;</code>",
        "usage_restore": (
            "Usage: <code>/restore &lt;id&gt; &lt;version&gt;</code>, e.g. <code>/restore tajikistan-turnout 2</code>"
        ),
        "usage_why": "Usage: <code>/why &lt;question&gt;</code>, e.g. <code>/why How many voted in Tajikistan?</code>",
        "usage_import": "Send the YAML file as a document with the caption <code>/import</code> (at most 1 MB).",
        # refusals
        "nothing_changed": "Nothing was changed.",
        "more_errors": "… and {count} more",
        "empty_value": "(empty)",
        "no_country": "No country matches '{query}'. Countries: {names}, or 'national'.",
        "fact_deleted": "Fact '{id}' is deleted. See /history {id}, then /restore {id} &lt;version&gt;.",
        "no_fact": "There is no fact with id '{id}'.",
        "did_you_mean": "Did you mean {id}?",
        "see_facts": "See /facts for the ids.",
        "store_invalid": "{subject}:",
        "bad_field": "Bad field: {detail}",
        "same_value": "{id} {path} already has that value.",
        "same_version": "{id} is already the same as version {version}.",
        "no_version": "Fact '{id}' has no version {version}.",
        "duplicate_fact": "A fact with id '{id}' already exists; use another id or change its fields.",
        "nothing_to_undo": "Nothing to undo: you have no change left that can be undone.",
        "undo_conflict": "{detail}",  # the store names who changed the fact since
        "no_engine": "The engine is not running.",
        # /facts and /fact
        "no_facts": "No facts here yet. Add one with /add.",
        "facts_header": "<b>{count}</b> (full text: <code>/fact &lt;id&gt;</code>)",
        "national_group": "National and background",
        "national": "national",
        "fact_header": "<b>{id}</b> — version {version}, {action} by {actor} at {at}",
        "fact_place": "Country: {country} · Topic: {topic}",
        "fact_candidate": " · Candidate: {candidate}",
        "figures": "<b>Figures:</b>",
        "figures_none": "<b>Figures:</b> none",
        "figure_candidate": "candidate {candidate}",
        "questions": "<b>Questions {language}:</b> {questions}",
        "none": "none",
        "source": "<b>Source:</b> {source}",
        "evidence": "<b>Evidence:</b>",
        # /add
        "fact_invalid": "The fact is not valid:",
        "not_added": "Not added.",
        "added": "✅ Added <code>{id}</code> (version {version}). It is answerable now.",
        "try": "Try: {question}",
        "warnings": "<b>Warnings:</b>",
        "warn_new_source": (
            "added a new source '{id}' for the citation (publisher '{publisher}', date '{date}'); "
            "complete it in knowledge/sources.yaml"
        ),
        "warn_no_questions": (
            "no {language} example questions: it answers {language} questions only when their words match; "
            "add some with /set {id} questions.{code} ..."
        ),
        "warn_no_figures": "no figures: comparisons and charts will not include this fact",
        "warn_no_russian": (
            "no Russian answer text: Russian readers see the English text until you /set {id} answer.ru ..."
        ),
        "language_en": "English",
        "language_ru": "Russian",
        "undo_hint": "Undo with /undo.",
        # /set /delete /undo /history /restore
        "not_changed": "Not changed.",
        "changed": "✅ Changed <code>{id}</code> <code>{path}</code>\n<b>old:</b> {old}\n<b>new:</b> {new}",
        "not_deleted": "Not deleted.",
        "deleted": "🗑 Deleted <code>{id}</code> from answers (version {version}; it stays in its history).",
        "undone": "↩️ Undid '{what}' (now version {version} of {id}{notes}).",
        "undone_references": "↩️ Undid '{what}' ({notes}).",
        "history_header": "<b>History of {id}</b> ({versions}, newest first)",
        "history_line": "v{version} {at} {action} by {actor}: {fields}",
        "current": " ← current",
        "current_deleted": " ← current (deleted)",
        "restore_hint": "Restore one with <code>/restore {id} &lt;version&gt;</code>.",
        "not_restored": "Not restored.",
        "restored": "✅ Restored <code>{id}</code> to the content of version {version} (now version {new_version}).",
        # /export /import
        "exported": (
            "📦 {facts}, {sources}, {countries}, {candidates}. Send it back with the caption /import to load it."
        ),
        "too_large": "{name} is {size} MB; an import may be at most 1 MB.",
        "not_yaml": "{name} is not a YAML file: send a .yaml document (such as one from /export).",
        "not_utf8": "{name} is not UTF-8 text, so it cannot be YAML.",
        "import_invalid": "{name} cannot be imported:",
        "import_refused": "{name} cannot be imported.",
        "import_empty": "{name} holds no facts, sources, countries or candidates.",
        "import_header": "<b>Import {name}</b>",
        "import_new": "New: {ids}",
        "import_changed": "Changed: {ids}",
        "import_same": "Nothing to import: it matches the live fact base.",
        "import_conflicts_hint": (
            "Apply keeps the admins' versions of conflicting facts; overwrite replaces them (undoable)."
        ),
        "import_nothing_written": "Nothing is written until you press Apply.",
        "button_apply": "✅ Apply",
        "button_overwrite": "Apply and overwrite conflicts",
        "button_cancel": "Cancel",
        "import_gone": "This import is no longer pending (applied, cancelled or expired): send the file again.",
        "import_gone_short": "This import is no longer pending.",
        "not_imported": "{name} was not imported.",
        "imported": "✅ {name}: {report}\nUndo fact by fact with /undo.",
        "import_cancelled": "Import of {name} cancelled. Nothing was changed.",
        # load reports (what an import would do, or did)
        "report_would": "Would load: {parts}.",
        "report_did": "Loaded: {parts}.",
        "report_added": "{count} added",
        "report_updated": "{count} updated",
        "report_unchanged": "{count} unchanged",
        "report_conflicts": "{conflicts}",
        "report_overwritten": "{count} overwritten",
        "report_deleted": "{count} deleted",
        "report_missing": "{count} missing from YAML (kept)",
        "report_references": "updated {tables}",
        "report_conflict": "conflict: {id}: {reason}",
        "report_missing_line": "missing from YAML, kept: {id}",
        "report_deleted_line": "deleted (gone from YAML): {id}",
        # /unanswered
        "no_unanswered": "No unanswered questions. 🎉",
        "unanswered_header": "<b>Unanswered questions</b> (newest first, {count} shown)",
        "unanswered_askers": " by {people}",
        "unanswered_line": "{number}. “{text}” — {count}×{askers}, last {last}{languages}",
        "unanswered_footer": "“Add to a fact” makes the question an example question of a fact, so it gets answered.",
        "button_attach": "{number}: add to a fact",
        "button_dismiss": "{number}: dismiss",
        "group_gone": "That question is no longer in /unanswered (attached or dismissed already).",
        "group_gone_short": "That question is no longer in /unanswered.",
        "attach_choices": (
            "Which fact answers “{text}”? It becomes one of its {language} example questions.\n"
            "Not listed? <code>/set &lt;id&gt; questions.{code}.&lt;n&gt; &lt;question&gt;</code> "
            "adds it as question n."
        ),
        "not_attached": "Not attached.",
        "attached": "✅ “{text}” is now an example question of <code>{id}</code>.",
        "attached_answers": "The bot now answers it with this fact.",
        "attached_differs": "Note: the bot still answers it differently ({kind}); see /why.",
        "dismissed": "Dismissed “{text}” ({questions}).",
        # /stats
        "no_questions": "No questions in the last {period}.",
        "stats_header": (
            "<b>Questions, last {period}:</b> {total}, answered {answered} ({share}), {askers} distinct askers"
        ),
        "per_day": "<b>Per day:</b>",
        "day_line": "  {day}: {asked} asked, {answered} answered",
        "top_topics": "<b>Top topics:</b> {topics}",
        "languages": "<b>Languages:</b> {languages}",
        # /why
        "why_header": "<b>Why</b> “{question}”",
        "why_decision": "Decision: {kind} in {language}, confidence {confidence}",
        "why_facts": ", facts {ids}",
        "why_reason": "Reason: {reason}",
        "why_candidates": "<b>Candidates:</b>",
        "why_no_candidates": "Candidates: none scored",
        "why_suggestions": "Suggestions: {suggestions}",
        "why_context": "Context after: {context}",
        "why_context_empty": "empty",
        # the guided /edit flow
        "edit_which_fact": "Which fact? Press it or send its id. /cancel stops.",
        "edit_which_field": "Which field of <code>{id}</code>?",
        "edit_field_gone": "That field is not offered any more. Start again with /edit.",
        "edit_current": "<code>{id}</code> <code>{path}</code> is now:\n{value}\n\nSend the new value. /cancel stops.",
        "edit_restart": "Start again with /edit.",
        "edit_confirm": "Change <code>{id}</code> <code>{path}</code>?\n<b>old:</b> {old}\n<b>new:</b> {new}",
        "edit_nothing": "Nothing to save. Start again with /edit.",
        "edit_retry": "Send another value, or /cancel.",
        "edit_cancelled": "Edit cancelled.",
        "edit_timed_out": "Edit cancelled (timed out): no reply for {minutes} minutes. Start again with /edit.",
        "button_save": "✅ Save",
        "field_answer_en": "Answer (EN)",
        "field_answer_ru": "Answer (RU)",
        "field_figure": "Figure {index}: {metric}",
        "field_topic": "Topic",
        "field_country": "Country",
        "field_source": "Source",
    },
    "ru": {
        "not_allowed": "⛔ Недостаточно прав: эта команда только для редакторов бота.",
        "private_only": "Команды редакторов работают только в личном чате со мной.",
        "stale": "Эта кнопка больше не действует.",
        "usage_facts": (
            "Формат: <code>/facts [страна]</code>, например <code>/facts kyrgyzstan</code> или "
            "<code>/facts national</code>"
        ),
        "usage_fact": (
            "Формат: <code>/fact &lt;id&gt;</code>, например <code>/fact tajikistan-turnout</code> (список id: /facts)"
        ),
        "usage_add": "Формат: <code>/add</code>, а в том же сообщении, со следующей строки, — один факт в YAML:",
        "usage_set": (
            "Формат: <code>/set &lt;id&gt; &lt;поле&gt; &lt;значение&gt;</code>, например "
            "<code>/set tajikistan-turnout figures.voters 9600</code> или "
            "<code>/set tajikistan-turnout answer.ru ...</code>"
        ),
        "usage_delete": "Формат: <code>/delete &lt;id&gt;</code>",
        "usage_history": "Формат: <code>/history &lt;id&gt;</code>",
        "usage_restore": (
            "Формат: <code>/restore &lt;id&gt; &lt;версия&gt;</code>, например "
            "<code>/restore tajikistan-turnout 2</code>"
        ),
        "usage_why": (
            "Формат: <code>/why &lt;вопрос&gt;</code>, например <code>/why Сколько человек проголосовало в "
            "Таджикистане?</code>"
        ),
        "usage_import": "Пришлите YAML-файл документом с подписью <code>/import</code> (не больше 1 МБ).",
        "nothing_changed": "Ничего не изменено.",
        "more_errors": "… и ещё {count}",
        "empty_value": "(пусто)",
        "no_country": "Страна «{query}» не найдена. Страны: {names} или national (общие факты).",
        "fact_deleted": (
            "Факт «{id}» удалён. Посмотрите /history {id}, затем верните версию: /restore {id} &lt;версия&gt;."
        ),
        "no_fact": "Нет факта с id «{id}».",
        "did_you_mean": "Может быть, {id}?",
        "see_facts": "Список id: /facts.",
        "store_invalid": "Изменение не прошло проверку:",
        "bad_field": "Неверное поле: {detail}",
        "same_value": "В {id} поле {path} уже имеет это значение.",
        "same_version": "Факт {id} уже совпадает с версией {version}.",
        "no_version": "У факта «{id}» нет версии {version}.",
        "duplicate_fact": "Факт с id «{id}» уже есть: выберите другой id или измените поля существующего факта.",
        "nothing_to_undo": "Отменять нечего: у вас не осталось изменений, которые можно отменить.",
        "undo_conflict": (
            "Отменить нельзя: после этого изменения факт правил другой редактор. "
            "Посмотрите /history и верните нужную версию через /restore."
        ),
        "no_engine": "Движок ответов не запущен.",
        "no_facts": "Здесь пока нет фактов. Добавьте факт командой /add.",
        "facts_header": "<b>{count}</b> (полный текст: <code>/fact &lt;id&gt;</code>)",
        "national_group": "Россия в целом и контекст",
        "national": "общий",
        "fact_header": "<b>{id}</b> — версия {version}: {action}, автор {actor}, {at}",
        "fact_place": "Страна: {country} · Тема: {topic}",
        "fact_candidate": " · Кандидат: {candidate}",
        "figures": "<b>Цифры:</b>",
        "figures_none": "<b>Цифры:</b> нет",
        "figure_candidate": "кандидат {candidate}",
        "questions": "<b>Вопросы {language}:</b> {questions}",
        "none": "нет",
        "source": "<b>Источник:</b> {source}",
        "evidence": "<b>Цитаты из источника:</b>",
        "fact_invalid": "Факт не прошёл проверку:",
        "not_added": "Факт не добавлен.",
        "added": "✅ Факт <code>{id}</code> добавлен (версия {version}). Бот уже отвечает по нему.",
        "try": "Проверьте: {question}",
        "warnings": "<b>Предупреждения:</b>",
        "warn_new_source": (
            "для ссылки добавлен новый источник «{id}» (издатель «{publisher}», дата «{date}»); "
            "дополните его в knowledge/sources.yaml"
        ),
        "warn_no_questions": (
            "нет примеров вопросов на {language} языке: на такие вопросы факт отвечает, только если совпадают "
            "слова; добавьте их: /set {id} questions.{code} ..."
        ),
        "warn_no_figures": "нет цифр: этот факт не попадёт в сравнения и диаграммы",
        "warn_no_russian": (
            "нет ответа на русском: русскоязычные читатели видят английский текст, пока вы не зададите "
            "/set {id} answer.ru ..."
        ),
        "language_en": "английском",
        "language_ru": "русском",
        "undo_hint": "Отменить: /undo",
        "not_changed": "Не изменено.",
        "changed": "✅ Изменено: <code>{id}</code> <code>{path}</code>\n<b>было:</b> {old}\n<b>стало:</b> {new}",
        "not_deleted": "Факт не удалён.",
        "deleted": "🗑 Факт <code>{id}</code> удалён (версия {version}); в ответах его нет, в истории он остаётся.",
        "undone": "↩️ Отменено: «{what}» (теперь версия {version} факта {id}{notes}).",
        "undone_references": "↩️ Отменено: «{what}» ({notes}).",
        "history_header": "<b>История {id}</b> ({versions}, сначала новые)",
        "history_line": "v{version} {at} {action}, автор {actor}: {fields}",
        "current": " ← текущая",
        "current_deleted": " ← текущая (удалено)",
        "restore_hint": "Вернуть версию: <code>/restore {id} &lt;версия&gt;</code>",
        "not_restored": "Не восстановлено.",
        "restored": (
            "✅ Факт <code>{id}</code> возвращён к содержанию версии {version} (теперь это версия {new_version})."
        ),
        "exported": (
            "📦 {facts}, {sources}, {countries}, {candidates}. "
            "Чтобы загрузить файл обратно, отправьте его с подписью /import."
        ),
        "too_large": "{name} весит {size} МБ, а для импорта можно не больше 1 МБ.",
        "not_yaml": "{name} — не YAML-файл: пришлите документ .yaml (например, из /export).",
        "not_utf8": "{name} — не текст в UTF-8, значит, это не YAML.",
        "import_invalid": "{name} нельзя импортировать:",
        "import_refused": "{name} нельзя импортировать.",
        "import_empty": "В {name} нет ни фактов, ни источников, ни стран, ни кандидатов.",
        "import_header": "<b>Импорт {name}</b>",
        "import_new": "Новые: {ids}",
        "import_changed": "Изменённые: {ids}",
        "import_same": "Импортировать нечего: файл совпадает с текущей базой фактов.",
        "import_conflicts_hint": (
            "«Применить» оставит у конфликтных фактов версии редакторов; «с заменой» заменит их (это можно отменить)."
        ),
        "import_nothing_written": "Пока вы не нажмёте «Применить», ничего не записывается.",
        "button_apply": "✅ Применить",
        "button_overwrite": "Применить с заменой конфликтных",
        "button_cancel": "Отмена",
        "import_gone": "Этот импорт уже не ждёт подтверждения (применён, отменён или устарел): пришлите файл ещё раз.",
        "import_gone_short": "Этот импорт уже не ждёт подтверждения.",
        "not_imported": "{name} не импортирован.",
        "imported": "✅ {name}: {report}\nОтменять можно по одному факту: /undo",
        "import_cancelled": "Импорт {name} отменён. Ничего не изменено.",
        "report_would": "Будет загружено: {parts}.",
        "report_did": "Загружено: {parts}.",
        "report_added": "новых {count}",
        "report_updated": "изменённых {count}",
        "report_unchanged": "без изменений {count}",
        "report_conflicts": "{conflicts}",
        "report_overwritten": "заменено {count}",
        "report_deleted": "удалено {count}",
        "report_missing": "нет в YAML (оставлены) {count}",
        "report_references": "обновлены {tables}",
        "report_conflict": "конфликт: {id}: {reason}",
        "report_missing_line": "нет в YAML, оставлен: {id}",
        "report_deleted_line": "удалён (нет в YAML): {id}",
        "no_unanswered": "Вопросов без ответа нет. 🎉",
        "unanswered_header": "<b>Вопросы без ответа</b> (сначала новые, показано: {count})",
        "unanswered_askers": " от {people}",
        "unanswered_line": "{number}. «{text}» — {count}×{askers}, последний раз {last}{languages}",
        "unanswered_footer": (
            "«Добавить к факту» делает вопрос примером вопроса для факта, и бот начинает на него отвечать."
        ),
        "button_attach": "{number}: добавить к факту",
        "button_dismiss": "{number}: скрыть",
        "group_gone": "Этого вопроса уже нет в /unanswered (его уже добавили к факту или скрыли).",
        "group_gone_short": "Этого вопроса уже нет в /unanswered.",
        "attach_choices": (
            "Какой факт отвечает на «{text}»? Вопрос станет одним из его примеров на {language} языке.\n"
            "Нужного факта нет в списке? <code>/set &lt;id&gt; questions.{code}.&lt;n&gt; &lt;вопрос&gt;</code> "
            "добавит его вопросом номер n."
        ),
        "not_attached": "Вопрос не добавлен.",
        "attached": "✅ «{text}» теперь пример вопроса для <code>{id}</code>.",
        "attached_answers": "Теперь бот отвечает на него этим фактом.",
        "attached_differs": "Внимание: бот всё ещё отвечает на него иначе ({kind}); см. /why.",
        "dismissed": "Скрыто: «{text}» ({questions}).",
        "no_questions": "За последние {period} вопросов не было.",
        "stats_header": (
            "<b>Вопросов за последние {period}:</b> {total}, с ответом {answered} ({share}), разных авторов: {askers}"
        ),
        "per_day": "<b>По дням:</b>",
        "day_line": "  {day}: задано {asked}, с ответом {answered}",
        "top_topics": "<b>Частые темы:</b> {topics}",
        "languages": "<b>Языки:</b> {languages}",
        "why_header": "<b>Почему</b> «{question}»",
        "why_decision": "Решение: {kind}, язык {language}, уверенность {confidence}",
        "why_facts": ", факты {ids}",
        "why_reason": "Причина: {reason}",
        "why_candidates": "<b>Рассмотренные факты:</b>",
        "why_no_candidates": "Рассмотренные факты: ни один не набрал баллов",
        "why_suggestions": "Подсказки: {suggestions}",
        "why_context": "Контекст после ответа: {context}",
        "why_context_empty": "пуст",
        "edit_which_fact": "Какой факт? Нажмите на него или пришлите его id. /cancel — выйти.",
        "edit_which_field": "Какое поле факта <code>{id}</code>?",
        "edit_field_gone": "Это поле больше не предлагается. Начните заново: /edit",
        "edit_current": (
            "<code>{id}</code> <code>{path}</code> сейчас:\n{value}\n\nПришлите новое значение. /cancel — выйти."
        ),
        "edit_restart": "Начните заново: /edit",
        "edit_confirm": "Изменить <code>{id}</code> <code>{path}</code>?\n<b>было:</b> {old}\n<b>стало:</b> {new}",
        "edit_nothing": "Сохранять нечего. Начните заново: /edit",
        "edit_retry": "Пришлите другое значение или /cancel.",
        "edit_cancelled": "Правка отменена.",
        "edit_timed_out": "Правка отменена: не было ответа {minutes} мин. Начните заново: /edit",
        "button_save": "✅ Сохранить",
        "field_answer_en": "Ответ (EN)",
        "field_answer_ru": "Ответ (RU)",
        "field_figure": "Цифра {index}: {metric}",
        "field_topic": "Тема",
        "field_country": "Страна",
        "field_source": "Источник",
    },
}

# What a history row's action means, as an admin reads it ("add by 1001", "добавление, автор 1001").
ACTION_NAMES: dict[str, dict[str, str]] = {
    "en": {},  # the store's own words
    "ru": {
        "add": "добавление",
        "update": "изменение",
        "delete": "удаление",
        "restore": "восстановление",
        "undo": "отмена",
    },
}

# Counted nouns: English (one, many); Russian (one, few, many): 1 факт, 2 факта, 5 фактов.
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "fact": ("fact", "facts"),
        "source": ("source", "sources"),
        "country": ("country", "countries"),
        "candidate": ("candidate", "candidates"),
        "version": ("version", "versions"),
        "question": ("question", "questions"),
        "person": ("person", "people"),
        "day": ("day", "days"),
        "conflict": ("conflict", "conflicts"),
    },
    "ru": {
        "fact": ("факт", "факта", "фактов"),
        "source": ("источник", "источника", "источников"),
        "country": ("страна", "страны", "стран"),
        "candidate": ("кандидат", "кандидата", "кандидатов"),
        "version": ("версия", "версии", "версий"),
        "question": ("вопрос", "вопроса", "вопросов"),
        "person": ("человека", "человек", "человек"),  # genitive: "от 1 человека", "от 5 человек"
        "day": ("день", "дня", "дней"),
        "conflict": ("конфликт", "конфликта", "конфликтов"),
    },
}


def admin_language(language: str | None) -> str:
    return language if language in ADMIN_TEXTS else DEFAULT_LANGUAGE


def admin_text(key: str, language: str | None, /, **values: object) -> str:
    """The admin text ``key`` in ``language`` (English if unknown) with every value HTML-escaped."""
    template = ADMIN_TEXTS[admin_language(language)][key]
    return template.format(**{name: html.escape(str(value), quote=False) for name, value in values.items()})


def counted(count: int, noun: str, language: str | None) -> str:
    """ "3 facts" / "3 факта": the number with its noun in the right form (plain text, not escaped)."""
    language = admin_language(language)
    forms = NOUNS[language][noun]
    if language == "ru":
        tens, units = count % 100, count % 10
        if units == 1 and tens != 11:
            form = forms[0]
        elif 2 <= units <= 4 and not 12 <= tens <= 14:
            form = forms[1]
        else:
            form = forms[2]
    else:
        form = forms[0] if count == 1 else forms[1]
    return f"{count} {form}"


def action_name(action: str, language: str | None) -> str:
    return ACTION_NAMES[admin_language(language)].get(action, action)
