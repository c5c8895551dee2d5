"""Every text an admin (curator) reads: Telegram HTML templates, in English and Russian.

Admins get their replies in their own language, chosen like a user's (their /language choice, else their
Telegram app language, else English). Fact content is never translated: it is shown as stored. Details that
come from the validators (a pydantic message, a YAML line) stay as they are written there. Keys that would
collide with another section's are prefixed ``admin_``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # access (the Telegram layer)
    "not_allowed": {
        "en": "⛔ Not allowed: this command is only for the bot's editors.",
        "ru": "⛔ Недостаточно прав: эта команда только для редакторов бота.",
    },
    "private_only": {
        "en": "Admin commands work only in a private chat with me.",
        "ru": "Команды редакторов работают только в личном чате со мной.",
    },
    "stale": {"en": "This button is no longer valid.", "ru": "Эта кнопка больше не действует."},
    # usage
    "usage_facts": {
        "en": (
            "Usage: <code>/facts [country]</code>, e.g. <code>/facts kyrgyzstan</code> or <code>/facts national</code>"
        ),
        "ru": (
            "Формат: <code>/facts [страна]</code>, например <code>/facts kyrgyzstan</code> или <code>/facts "
            "national</code>"
        ),
    },
    "usage_fact": {
        "en": "Usage: <code>/fact &lt;id&gt;</code>, e.g. <code>/fact tajikistan-turnout</code> (ids: /facts)",
        "ru": (
            "Формат: <code>/fact &lt;id&gt;</code>, например <code>/fact tajikistan-turnout</code> (список id: /facts)"
        ),
    },
    "usage_add": {
        "en": "Usage: <code>/add</code> followed, in the same message, by one fact as YAML:",
        "ru": "Формат: <code>/add</code>, а в том же сообщении, со следующей строки, — один факт в YAML:",
    },
    "usage_set": {
        "en": (
            "Usage: <code>/set &lt;id&gt; &lt;field&gt; &lt;value&gt;</code>, e.g. <code>/set tajikistan-turnout "
            "figures.voters 9600</code> or <code>/set tajikistan-turnout answer.en ...</code>"
        ),
        "ru": (
            "Формат: <code>/set &lt;id&gt; &lt;поле&gt; &lt;значение&gt;</code>, например <code>/set "
            "tajikistan-turnout figures.voters 9600</code> или <code>/set tajikistan-turnout answer.ru ...</code>"
        ),
    },
    "usage_delete": {"en": "Usage: <code>/delete &lt;id&gt;</code>", "ru": "Формат: <code>/delete &lt;id&gt;</code>"},
    "usage_history": {
        "en": "Usage: <code>/history &lt;id&gt;</code>",
        "ru": "Формат: <code>/history &lt;id&gt;</code>",
    },
    "usage_restore": {
        "en": (
            "Usage: <code>/restore &lt;id&gt; &lt;version&gt;</code>, e.g. <code>/restore tajikistan-turnout 2</code>"
        ),
        "ru": (
            "Формат: <code>/restore &lt;id&gt; &lt;версия&gt;</code>, например <code>/restore tajikistan-turnout "
            "2</code>"
        ),
    },
    "usage_why": {
        "en": "Usage: <code>/why &lt;question&gt;</code>, e.g. <code>/why How many voted in Tajikistan?</code>",
        "ru": (
            "Формат: <code>/why &lt;вопрос&gt;</code>, например <code>/why Сколько человек проголосовало в "
            "Таджикистане?</code>"
        ),
    },
    "usage_import": {
        "en": "Send the YAML file as a document with the caption <code>/import</code> (at most {limit} MB).",
        "ru": "Пришлите YAML-файл документом с подписью <code>/import</code> (не больше {limit} МБ).",
    },
    # refusals
    "nothing_changed": {"en": "Nothing was changed.", "ru": "Ничего не изменено."},
    "more_errors": {"en": "… and {count} more", "ru": "… и ещё {count}"},
    "empty_value": {"en": "(empty)", "ru": "(пусто)"},
    "no_country": {
        "en": "No country matches '{query}'. Countries: {names}, or 'national'.",
        "ru": "Страна «{query}» не найдена. Страны: {names} или national (общие факты).",
    },
    "fact_deleted": {
        "en": "Fact '{id}' is deleted. See /history {id}, then /restore {id} &lt;version&gt;.",
        "ru": "Факт «{id}» удалён. Посмотрите /history {id}, затем верните версию: /restore {id} &lt;версия&gt;.",
    },
    "no_fact": {"en": "There is no fact with id '{id}'.", "ru": "Нет факта с id «{id}»."},
    "admin_did_you_mean": {"en": "Did you mean {id}?", "ru": "Может быть, {id}?"},
    "see_facts": {"en": "See /facts for the ids.", "ru": "Список id: /facts."},
    "store_invalid": {"en": "{subject}:", "ru": "Изменение не прошло проверку:"},
    "bad_field": {"en": "Bad field: {detail}", "ru": "Неверное поле: {detail}"},
    "same_value": {"en": "{id} {path} already has that value.", "ru": "В {id} поле {path} уже имеет это значение."},
    "same_version": {
        "en": "{id} is already the same as version {version}.",
        "ru": "Факт {id} уже совпадает с версией {version}.",
    },
    "no_version": {"en": "Fact '{id}' has no version {version}.", "ru": "У факта «{id}» нет версии {version}."},
    "duplicate_fact": {
        "en": "A fact with id '{id}' already exists; use another id or change its fields.",
        "ru": "Факт с id «{id}» уже есть: выберите другой id или измените поля существующего факта.",
    },
    "nothing_to_undo": {
        "en": "Nothing to undo: you have no change left that can be undone.",
        "ru": "Отменять нечего: у вас не осталось изменений, которые можно отменить.",
    },
    # English: the store's own words name who changed the fact since
    "undo_conflict": {
        "en": "{detail}",
        "ru": (
            "Отменить нельзя: после этого изменения факт правил другой редактор. Посмотрите /history и верните нужную "
            "версию через /restore."
        ),
    },
    "no_engine": {"en": "The engine is not running.", "ru": "Движок ответов не запущен."},
    # /facts and /fact
    "no_country_see_facts": {
        "en": "No country matches '{query}'. /facts lists the places; national facts: /facts national.",
        "ru": "Страна «{query}» не найдена. Список мест — в /facts; общие факты — /facts national.",
    },
    "facts_places": {
        "en": "<b>By place</b> (facts each; <code>/facts &lt;country&gt;</code> lists one place's):",
        "ru": "<b>По местам</b> (число фактов; список фактов места — <code>/facts &lt;страна&gt;</code>):",
    },
    "facts_stations": {
        "en": "… and {count} (<code>/fact {prefix}-&lt;number&gt;</code>): {numbers}",
        "ru": "… и ещё {count} (<code>/fact {prefix}-&lt;номер&gt;</code>): {numbers}",
    },
    "no_facts": {
        "en": "No facts here yet. Add one with /add.",
        "ru": "Здесь пока нет фактов. Добавьте факт командой /add.",
    },
    "facts_header": {
        "en": "<b>{count}</b> (full text: <code>/fact &lt;id&gt;</code>)",
        "ru": "<b>{count}</b> (полный текст: <code>/fact &lt;id&gt;</code>)",
    },
    "national_group": {"en": "National and background", "ru": "Россия в целом и контекст"},
    "admin_national": {"en": "national", "ru": "общий"},
    "fact_header": {
        "en": "<b>{id}</b> — version {version}, {action} by {actor} at {at}",
        "ru": "<b>{id}</b> — версия {version}: {action}, автор {actor}, {at}",
    },
    "fact_place": {"en": "Country: {country} · Topic: {topic}", "ru": "Страна: {country} · Тема: {topic}"},
    "fact_candidate": {"en": " · Candidate: {candidate}", "ru": " · Кандидат: {candidate}"},
    "figures": {"en": "<b>Figures:</b>", "ru": "<b>Цифры:</b>"},
    "figures_none": {"en": "<b>Figures:</b> none", "ru": "<b>Цифры:</b> нет"},
    "figure_candidate": {"en": "candidate {candidate}", "ru": "кандидат {candidate}"},
    "questions": {"en": "<b>Questions {language}:</b> {questions}", "ru": "<b>Вопросы {language}:</b> {questions}"},
    "none": {"en": "none", "ru": "нет"},
    "admin_source": {"en": "<b>Source:</b> {source}", "ru": "<b>Источник:</b> {source}"},
    "evidence": {"en": "<b>Evidence:</b>", "ru": "<b>Цитаты из источника:</b>"},
    # /add
    "fact_invalid": {"en": "The fact is not valid:", "ru": "Факт не прошёл проверку:"},
    "not_added": {"en": "Not added.", "ru": "Факт не добавлен."},
    "added": {
        "en": "✅ Added <code>{id}</code> (version {version}). It is answerable now.",
        "ru": "✅ Факт <code>{id}</code> добавлен (версия {version}). Бот уже отвечает по нему.",
    },
    "admin_try": {"en": "Try: {question}", "ru": "Проверьте: {question}"},
    "warnings": {"en": "<b>Warnings:</b>", "ru": "<b>Предупреждения:</b>"},
    "warn_new_source": {
        "en": (
            "added a new source '{id}' for the citation (publisher '{publisher}', date '{date}'); complete it in "
            "knowledge/sources.yaml"
        ),
        "ru": (
            "для ссылки добавлен новый источник «{id}» (издатель «{publisher}», дата «{date}»); дополните его в "
            "knowledge/sources.yaml"
        ),
    },
    "warn_no_questions": {
        "en": (
            "no {language} example questions: it answers {language} questions only when their words match; add some "
            "with /set {id} questions.{code} ..."
        ),
        "ru": (
            "нет примеров вопросов на {language} языке: на такие вопросы факт отвечает, только если совпадают слова; "
            "добавьте их: /set {id} questions.{code} ..."
        ),
    },
    "warn_no_figures": {
        "en": "no figures: comparisons and charts will not include this fact",
        "ru": "нет цифр: этот факт не попадёт в сравнения и диаграммы",
    },
    "warn_no_russian": {
        "en": "no Russian answer text: Russian readers see the English text until you /set {id} answer.ru ...",
        "ru": (
            "нет ответа на русском: русскоязычные читатели видят английский текст, пока вы не зададите /set {id} "
            "answer.ru ..."
        ),
    },
    "language_en": {"en": "English", "ru": "английском"},
    "language_ru": {"en": "Russian", "ru": "русском"},
    "undo_hint": {"en": "Undo with /undo.", "ru": "Отменить: /undo"},
    # /set /delete /undo /history /restore
    "not_changed": {"en": "Not changed.", "ru": "Не изменено."},
    "changed": {
        "en": "✅ Changed <code>{id}</code> <code>{path}</code>\n<b>old:</b> {old}\n<b>new:</b> {new}",
        "ru": "✅ Изменено: <code>{id}</code> <code>{path}</code>\n<b>было:</b> {old}\n<b>стало:</b> {new}",
    },
    "not_deleted": {"en": "Not deleted.", "ru": "Факт не удалён."},
    "deleted": {
        "en": "🗑 Deleted <code>{id}</code> from answers (version {version}; it stays in its history).",
        "ru": "🗑 Факт <code>{id}</code> удалён (версия {version}); в ответах его нет, в истории он остаётся.",
    },
    "undone": {
        "en": "↩️ Undid '{what}' (now version {version} of {id}{notes}).",
        "ru": "↩️ Отменено: «{what}» (теперь версия {version} факта {id}{notes}).",
    },
    "undone_references": {"en": "↩️ Undid '{what}' ({notes}).", "ru": "↩️ Отменено: «{what}» ({notes})."},
    "history_header": {
        "en": "<b>History of {id}</b> ({versions}, newest first)",
        "ru": "<b>История {id}</b> ({versions}, сначала новые)",
    },
    "history_line": {
        "en": "v{version} {at} {action} by {actor}: {fields}",
        "ru": "v{version} {at} {action}, автор {actor}: {fields}",
    },
    "current": {"en": " ← current", "ru": " ← текущая"},
    "current_deleted": {"en": " ← current (deleted)", "ru": " ← текущая (удалено)"},
    "restore_hint": {
        "en": "Restore one with <code>/restore {id} &lt;version&gt;</code>.",
        "ru": "Вернуть версию: <code>/restore {id} &lt;версия&gt;</code>",
    },
    "not_restored": {"en": "Not restored.", "ru": "Не восстановлено."},
    "restored": {
        "en": "✅ Restored <code>{id}</code> to the content of version {version} (now version {new_version}).",
        "ru": "✅ Факт <code>{id}</code> возвращён к содержанию версии {version} (теперь это версия {new_version}).",
    },
    # /export /import
    "exported": {
        "en": "📦 {facts}, {sources}, {countries}, {candidates}. Send it back with the caption /import to load it.",
        "ru": (
            "📦 {facts}, {sources}, {countries}, {candidates}. Чтобы загрузить файл обратно, отправьте его с подписью "
            "/import."
        ),
    },
    "too_large": {
        "en": "{name} is {size} MB; an import may be at most {limit} MB.",
        "ru": "{name} весит {size} МБ, а для импорта можно не больше {limit} МБ.",
    },
    "not_yaml": {
        "en": "{name} is not a YAML file: send a .yaml document (such as one from /export).",
        "ru": "{name} — не YAML-файл: пришлите документ .yaml (например, из /export).",
    },
    "not_utf8": {
        "en": "{name} is not UTF-8 text, so it cannot be YAML.",
        "ru": "{name} — не текст в UTF-8, значит, это не YAML.",
    },
    "import_invalid": {"en": "{name} cannot be imported:", "ru": "{name} нельзя импортировать:"},
    "import_refused": {"en": "{name} cannot be imported.", "ru": "{name} нельзя импортировать."},
    "import_empty": {
        "en": "{name} holds no facts, sources, countries or candidates.",
        "ru": "В {name} нет ни фактов, ни источников, ни стран, ни кандидатов.",
    },
    "import_header": {"en": "<b>Import {name}</b>", "ru": "<b>Импорт {name}</b>"},
    "import_new": {"en": "New: {ids}", "ru": "Новые: {ids}"},
    "import_changed": {"en": "Changed: {ids}", "ru": "Изменённые: {ids}"},
    "import_same": {
        "en": "Nothing to import: it matches the live fact base.",
        "ru": "Импортировать нечего: файл совпадает с текущей базой фактов.",
    },
    "import_conflicts_hint": {
        "en": "Apply keeps the admins' versions of conflicting facts; overwrite replaces them (undoable).",
        "ru": (
            "«Применить» оставит у конфликтных фактов версии редакторов; «с заменой» заменит их (это можно отменить)."
        ),
    },
    "import_nothing_written": {
        "en": "Nothing is written until you press Apply.",
        "ru": "Пока вы не нажмёте «Применить», ничего не записывается.",
    },
    "button_apply": {"en": "✅ Apply", "ru": "✅ Применить"},
    "button_overwrite": {"en": "Apply and overwrite conflicts", "ru": "Применить с заменой конфликтных"},
    "button_cancel": {"en": "Cancel", "ru": "Отмена"},
    "import_gone": {
        "en": "This import is no longer pending (applied, cancelled or expired): send the file again.",
        "ru": "Этот импорт уже не ждёт подтверждения (применён, отменён или устарел): пришлите файл ещё раз.",
    },
    "import_gone_short": {"en": "This import is no longer pending.", "ru": "Этот импорт уже не ждёт подтверждения."},
    "not_imported": {"en": "{name} was not imported.", "ru": "{name} не импортирован."},
    "imported": {
        "en": "✅ {name}: {report}\nUndo fact by fact with /undo.",
        "ru": "✅ {name}: {report}\nОтменять можно по одному факту: /undo",
    },
    "import_cancelled": {
        "en": "Import of {name} cancelled. Nothing was changed.",
        "ru": "Импорт {name} отменён. Ничего не изменено.",
    },
    # load reports (what an import would do, or did)
    "report_would": {"en": "Would load: {parts}.", "ru": "Будет загружено: {parts}."},
    "report_did": {"en": "Loaded: {parts}.", "ru": "Загружено: {parts}."},
    "report_added": {"en": "{count} added", "ru": "новых {count}"},
    "report_updated": {"en": "{count} updated", "ru": "изменённых {count}"},
    "report_unchanged": {"en": "{count} unchanged", "ru": "без изменений {count}"},
    "report_conflicts": {"en": "{conflicts}", "ru": "{conflicts}"},
    "report_overwritten": {"en": "{count} overwritten", "ru": "заменено {count}"},
    "report_deleted": {"en": "{count} deleted", "ru": "удалено {count}"},
    "report_missing": {"en": "{count} missing from YAML (kept)", "ru": "нет в YAML (оставлены) {count}"},
    "report_references": {"en": "updated {tables}", "ru": "обновлены {tables}"},
    "report_conflict": {"en": "conflict: {id}: {reason}", "ru": "конфликт: {id}: {reason}"},
    "report_missing_line": {"en": "missing from YAML, kept: {id}", "ru": "нет в YAML, оставлен: {id}"},
    "report_deleted_line": {"en": "deleted (gone from YAML): {id}", "ru": "удалён (нет в YAML): {id}"},
    # /unanswered
    "no_unanswered": {"en": "No unanswered questions. 🎉", "ru": "Вопросов без ответа нет. 🎉"},
    "unanswered_header": {
        "en": "<b>Unanswered questions</b> (newest first, {count} shown)",
        "ru": "<b>Вопросы без ответа</b> (сначала новые, показано: {count})",
    },
    "unanswered_askers": {"en": " by {people}", "ru": " от {people}"},
    "unanswered_line": {
        "en": "{number}. “{text}” — {count}×{askers}, last {last}{languages}{rules}",
        "ru": "{number}. «{text}» — {count}×{askers}, последний раз {last}{languages}{rules}",
    },
    "unanswered_footer": {
        "en": "“Add to a fact” makes the question an example question of a fact, so it gets answered.",
        "ru": "«Добавить к факту» делает вопрос примером вопроса для факта, и бот начинает на него отвечать.",
    },
    "button_attach": {"en": "{number}: add to a fact", "ru": "{number}: добавить к факту"},
    "button_dismiss": {"en": "{number}: dismiss", "ru": "{number}: скрыть"},
    "group_gone": {
        "en": "That question is no longer in /unanswered (attached or dismissed already).",
        "ru": "Этого вопроса уже нет в /unanswered (его уже добавили к факту или скрыли).",
    },
    "group_gone_short": {
        "en": "That question is no longer in /unanswered.",
        "ru": "Этого вопроса уже нет в /unanswered.",
    },
    "attach_choices": {
        "en": (
            "Which fact answers “{text}”? It becomes one of its {language} example questions.\n"
            "Not listed? <code>/set &lt;id&gt; questions.{code}.&lt;n&gt; &lt;question&gt;</code> adds it as question "
            "n."
        ),
        "ru": (
            "Какой факт отвечает на «{text}»? Вопрос станет одним из его примеров на {language} языке.\n"
            "Нужного факта нет в списке? <code>/set &lt;id&gt; questions.{code}.&lt;n&gt; &lt;вопрос&gt;</code> "
            "добавит его вопросом номер n."
        ),
    },
    "not_attached": {"en": "Not attached.", "ru": "Вопрос не добавлен."},
    "attached": {
        "en": "✅ “{text}” is now an example question of <code>{id}</code>.",
        "ru": "✅ «{text}» теперь пример вопроса для <code>{id}</code>.",
    },
    "attached_answers": {
        "en": "The bot now answers it with this fact.",
        "ru": "Теперь бот отвечает на него этим фактом.",
    },
    "attached_differs": {
        "en": "Note: the bot still answers it differently ({kind}); see /why.",
        "ru": "Внимание: бот всё ещё отвечает на него иначе ({kind}); см. /why.",
    },
    "dismissed": {"en": "Dismissed “{text}” ({questions}).", "ru": "Скрыто: «{text}» ({questions})."},
    # /stats
    "no_questions": {"en": "No questions in the last {period}.", "ru": "За последние {period} вопросов не было."},
    "stats_header": {
        "en": "<b>Questions, last {period}:</b> {total}, answered {answered} ({share}), {askers} distinct askers",
        "ru": (
            "<b>Вопросов за последние {period}:</b> {total}, с ответом {answered} ({share}), разных авторов: {askers}"
        ),
    },
    "per_day": {"en": "<b>Per day:</b>", "ru": "<b>По дням:</b>"},
    "day_line": {
        "en": "  {day}: {asked} asked, {answered} answered",
        "ru": "  {day}: задано {asked}, с ответом {answered}",
    },
    "top_topics": {"en": "<b>Top topics:</b> {topics}", "ru": "<b>Частые темы:</b> {topics}"},
    "languages": {"en": "<b>Languages:</b> {languages}", "ru": "<b>Языки:</b> {languages}"},
    "top_rules": {"en": "<b>Decided by rule:</b> {rules}", "ru": "<b>Решено правилом:</b> {rules}"},
    # /why
    "why_header": {"en": "<b>Why</b> “{question}”", "ru": "<b>Почему</b> «{question}»"},
    "why_decision": {
        "en": "Decision: {kind} in {language}, confidence {confidence}",
        "ru": "Решение: {kind}, язык {language}, уверенность {confidence}",
    },
    "why_facts": {"en": ", facts {ids}", "ru": ", факты {ids}"},
    "why_reason": {"en": "Reason: {reason}", "ru": "Причина: {reason}"},
    "why_rule": {
        "en": "Rule: <code>{rule}</code> ({stage}: {says})",
        "ru": "Правило: <code>{rule}</code> ({stage}: {says})",
    },
    "why_candidates": {"en": "<b>Candidates:</b>", "ru": "<b>Рассмотренные факты:</b>"},
    "why_no_candidates": {"en": "Candidates: none scored", "ru": "Рассмотренные факты: ни один не набрал баллов"},
    "why_suggestions": {"en": "Suggestions: {suggestions}", "ru": "Подсказки: {suggestions}"},
    "why_context": {"en": "Context after: {context}", "ru": "Контекст после ответа: {context}"},
    "why_context_empty": {"en": "empty", "ru": "пуст"},
    # the guided /edit flow
    "edit_which_fact": {
        "en": "Which fact? Press it or send its id. /cancel stops.",
        "ru": "Какой факт? Нажмите на него или пришлите его id. /cancel — выйти.",
    },
    "edit_which_place": {
        "en": (
            "Which fact? The base has {count}: choose a place (the number is of its hand-written facts), send a "
            "place's name, or send a fact id. /cancel stops."
        ),
        "ru": (
            "Какой факт? В базе {count}: выберите место (число — его факты, написанные вручную), пришлите название "
            "места или id факта. /cancel — выйти."
        ),
    },
    "edit_which_fact_of": {
        "en": "<b>{place}</b>: which fact? Press it or send its id. /cancel stops.",
        "ru": "<b>{place}</b>: какой факт? Нажмите на него или пришлите его id. /cancel — выйти.",
    },
    "edit_which_field": {"en": "Which field of <code>{id}</code>?", "ru": "Какое поле факта <code>{id}</code>?"},
    "edit_field_gone": {
        "en": "That field is not offered any more. Start again with /edit.",
        "ru": "Это поле больше не предлагается. Начните заново: /edit",
    },
    "edit_current": {
        "en": "<code>{id}</code> <code>{path}</code> is now:\n{value}\n\nSend the new value. /cancel stops.",
        "ru": "<code>{id}</code> <code>{path}</code> сейчас:\n{value}\n\nПришлите новое значение. /cancel — выйти.",
    },
    "edit_restart": {"en": "Start again with /edit.", "ru": "Начните заново: /edit"},
    "edit_confirm": {
        "en": "Change <code>{id}</code> <code>{path}</code>?\n<b>old:</b> {old}\n<b>new:</b> {new}",
        "ru": "Изменить <code>{id}</code> <code>{path}</code>?\n<b>было:</b> {old}\n<b>стало:</b> {new}",
    },
    "edit_nothing": {"en": "Nothing to save. Start again with /edit.", "ru": "Сохранять нечего. Начните заново: /edit"},
    "edit_retry": {"en": "Send another value, or /cancel.", "ru": "Пришлите другое значение или /cancel."},
    "edit_cancelled": {"en": "Edit cancelled.", "ru": "Правка отменена."},
    "edit_timed_out": {
        "en": "Edit cancelled (timed out): no reply for {minutes} minutes. Start again with /edit.",
        "ru": "Правка отменена: не было ответа {minutes} мин. Начните заново: /edit",
    },
    "button_save": {"en": "✅ Save", "ru": "✅ Сохранить"},
    "field_answer_en": {"en": "Answer (EN)", "ru": "Ответ (EN)"},
    "field_answer_ru": {"en": "Answer (RU)", "ru": "Ответ (RU)"},
    "field_figure": {"en": "Figure {index}: {metric}", "ru": "Цифра {index}: {metric}"},
    "field_topic": {"en": "Topic", "ru": "Тема"},
    "field_country": {"en": "Country", "ru": "Страна"},
    "field_source": {"en": "Source", "ru": "Источник"},
}

# What a history row's action means, as an admin reads it ("add by 1001", "добавление, автор 1001");
# in English, the store's own words.
ACTION_NAMES: dict[str, dict[str, str]] = {
    "add": {"en": "add", "ru": "добавление"},
    "update": {"en": "update", "ru": "изменение"},
    "delete": {"en": "delete", "ru": "удаление"},
    "restore": {"en": "restore", "ru": "восстановление"},
    "undo": {"en": "undo", "ru": "отмена"},
}

# Counted nouns: English (one, many); Russian (one, few, many): 1 факт, 2 факта, 5 фактов.
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "fact": {"en": ("fact", "facts"), "ru": ("факт", "факта", "фактов")},
    "source": {"en": ("source", "sources"), "ru": ("источник", "источника", "источников")},
    "country": {"en": ("country", "countries"), "ru": ("страна", "страны", "стран")},
    "candidate": {"en": ("candidate", "candidates"), "ru": ("кандидат", "кандидата", "кандидатов")},
    "version": {"en": ("version", "versions"), "ru": ("версия", "версии", "версий")},
    "question": {"en": ("question", "questions"), "ru": ("вопрос", "вопроса", "вопросов")},
    "person": {
        "en": ("person", "people"),
        "ru": ("человека", "человек", "человек"),
    },  # genitive: "от 1 человека", "от 5 человек"
    "station_protocol": {
        "en": ("station protocol", "station protocols"),
        "ru": ("протокол участка", "протокола участков", "протоколов участков"),
    },
    "station_exit_poll": {
        "en": ("exit poll at a station", "exit polls at stations"),
        "ru": ("экзитпол на участке", "экзитпола на участках", "экзитполов на участках"),
    },
    "day": {"en": ("day", "days"), "ru": ("день", "дня", "дней")},
    "conflict": {"en": ("conflict", "conflicts"), "ru": ("конфликт", "конфликта", "конфликтов")},
}

# The admin part of the command menu, added to the private-chat menu of each admin.
ADMIN_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("facts", "Admin: list facts"),
        ("fact", "Admin: show a fact"),
        ("add", "Admin: add a fact (YAML)"),
        ("set", "Admin: change a field"),
        ("edit", "Admin: change a field with buttons"),
        ("delete", "Admin: remove a fact"),
        ("undo", "Admin: undo your last change"),
        ("history", "Admin: versions of a fact"),
        ("restore", "Admin: restore a version"),
        ("export", "Admin: the fact base as YAML"),
        ("import", "Admin: send a YAML file with this caption"),
        ("unanswered", "Admin: questions without an answer"),
        ("stats", "Admin: question statistics"),
        ("why", "Admin: how a question is decided"),
    ],
    "ru": [
        ("facts", "Редактор: список фактов"),
        ("fact", "Редактор: показать факт"),
        ("add", "Редактор: добавить факт (YAML)"),
        ("set", "Редактор: изменить поле"),
        ("edit", "Редактор: изменить поле кнопками"),
        ("delete", "Редактор: убрать факт"),
        ("undo", "Редактор: отменить своё последнее изменение"),
        ("history", "Редактор: версии факта"),
        ("restore", "Редактор: вернуть версию"),
        ("export", "Редактор: база фактов в YAML"),
        ("import", "Редактор: отправьте YAML-файл с этой подписью"),
        ("unanswered", "Редактор: вопросы без ответа"),
        ("stats", "Редактор: статистика вопросов"),
        ("why", "Редактор: как выбирается ответ"),
    ],
}
