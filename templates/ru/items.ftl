## One message per notification kind about one item (a milestone for a school, a curator, a municipality
## or a region). Every item message gets: $title (milestone), $subject (school or other subject name),
## $subjectType, $due (deadline), $timing and $days (see `timing`). Attributes are optional lines, shown
## only when their parameter has a value.
## Where the work is done, when the milestone names a system: $system as it reads after «в» («ИС МЭДК»,
## «системе «Электронная анкета»»), $posts (yes: the assignee posts documents there for a confirmer), and
## $link (the milestone's own, else its system's), each on a line of its own.

item-system-act = { $posts ->
        [yes] Разместите документы в { $system }.
       *[no] Выполняется в { $system }.
    }
item-system-documents = Документы — в { $system }.
item-system-resubmit = Исправленные документы разместите в { $system }.
item-link = Ссылка: { $link }

window-open = { $tracked ->
    [yes] Начинается этап «{ $title }». Срок — до { DATETIME($due, day: "numeric", month: "long") } включительно.
   *[no] К сведению: «{ $title }», срок — { DATETIME($due, day: "numeric", month: "long") }.
    }
    .start = Работа идёт с { DATETIME($start, day: "numeric", month: "long") } по { DATETIME($due, day: "numeric", month: "long") }.
    .municipality = { $subject }, { $municipality }.
    .system = { item-system-act }
    .link = { item-link }

reminder = { $timing ->
        [today] Сегодня последний день по пункту «{ $title }»: срок — до конца дня { DATETIME($due, day: "2-digit", month: "2-digit") }.
       *[other] Напоминание по пункту «{ $title }»: срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    }
    .municipality = { $subject }, { $municipality }.
    .system = { item-system-act }
    .link = { item-link }

confirm-request = { $subject }: документы по пункту «{ $title }» размещены. Проверьте и подтвердите или верните на доработку с комментарием. Срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }.
    .municipality = Муниципалитет: { $municipality }.
    .system = { item-system-documents }
    .link = { item-link }

# A submission near or past the deadline, or after a return, handed to its confirmer the same day.
confirm-handoff = { $subject }: документы по пункту «{ $title }» размещены. Проверьте и подтвердите или верните на доработку с комментарием, не откладывая: срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    .municipality = Муниципалитет: { $municipality }.
    .system = { item-system-documents }
    .link = { item-link }

confirm-reminder = { $subject }: документы по пункту «{ $title }» ждут вашего решения. Подтвердите или верните их до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    .municipality = Муниципалитет: { $municipality }.
    .system = { item-system-documents }
    .link = { item-link }

returned = Куратор вернул документы на доработку: «{ $title }».
    Комментарий куратора: { $comment }
    Срок — до { DATETIME($due, day: "numeric", month: "long") }.
    .system = { item-system-resubmit }
    .link = { item-link }

returned-reminder = Документы по пункту «{ $title }» ждут доработки. Комментарий куратора: { $comment }
    { timing } Когда исправите, разместите документы снова.
    .system = { item-system-documents }
    .link = { item-link }

# A payment: the curator is paid once the closing documents are in.
reminder-closing-docs = { $timing ->
        [today] Сегодня последний день: сдайте закрывающие документы по пункту «{ $title }» до конца дня { DATETIME($due, day: "2-digit", month: "2-digit") }.
       *[other] Сдайте закрывающие документы по пункту «{ $title }» до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    }
    .link = { item-link }

promise-reminder = Вы планировали завершить пункт «{ $title }» к { DATETIME($promised, day: "numeric", month: "long") }. Успеваете? Срок по дорожной карте — { DATETIME($due, day: "2-digit", month: "2-digit") }.

overdue = Срок по пункту «{ $title }» — { DATETIME($due, day: "numeric", month: "long") } — прошёл { days-count } назад, отметки о выполнении нет. Если работа идёт, отметьте «В работе»; если нужна помощь — скажите.
    .system = { item-system-act }
    .link = { item-link }

overdue-closing-docs = Срок сдачи закрывающих документов по пункту «{ $title }» — { DATETIME($due, day: "numeric", month: "long") } — прошёл { days-count } назад. Сдайте их как можно скорее; если работа идёт, отметьте «В работе»; если нужна помощь — скажите.
    .link = { item-link }

overdue-supervisor = { $status ->
    [submitted] { $subject }: документы по пункту «{ $title }» размещены, но не подтверждены. Подтвердите или верните на доработку.
    [returned] { $subject }: документы по пункту «{ $title }» на доработке.
    [in_progress] { $subject }: пункт «{ $title }» в работе.
   *[other] { $subject }: по пункту «{ $title }» отметки о выполнении нет.
    } Срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл { days-count } назад.
    .municipality = Муниципалитет: { $municipality }.

status-prompt = { $status ->
        [submitted] Ждёт куратора: { $subject } — документы по пункту «{ $title }» размещены, куратор их ещё не проверил.
        [returned] Отстаёт: { $subject }, документы по пункту «{ $title }» на доработке.
        [in_progress] Отстаёт: { $subject }, пункт «{ $title }» в работе.
       *[other] Отстаёт: { $subject }, по пункту «{ $title }» отметки нет.
    } Срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл { days-count } назад. Что известно?
    .municipality = Муниципалитет: { $municipality }.
    .curator = Куратор: { $curator }.
    .promised = Обещали завершить к { DATETIME($promised, day: "2-digit", month: "2-digit") }.

event = Сегодня: { $title }.
    .time = Начало в { $time } по вашему времени.
    .link = { item-link }

event-eve = { $tomorrow ->
        [yes] Завтра, { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
       *[no] Скоро, { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
    }: { $title }.
    .time = Начало в { $time } по вашему времени.
    .link = { item-link }

event-week = На этой неделе, { DATETIME($date, weekday: "long", day: "numeric", month: "long") }: { $title }.
    .time = Начало в { $time } по вашему времени.
    .link = { item-link }

# An event over days of two months, told on its first day: «С 28 февраля по 4 марта: …».
event-period = С { DATETIME($date, day: "numeric", month: "long") } по { DATETIME($end, day: "numeric", month: "long") }: { $title }.
    .link = { item-link }

# An event over days of one month or over whole months, told on its first day. $span: days («С 7 по 14
# февраля»), month («В марте», for "март 2022 года") or months («С марта по май»); $month is $date's month.
event-month = { $span ->
        [month] В { month-prepositional }
        [months] С { month-genitive } по { DATETIME($end, month: "long") }
       *[days] С { DATETIME($date, day: "numeric") } по { DATETIME($end, day: "numeric", month: "long") }
    }: { $title }.
    .link = { item-link }

## A coordinator's item over many subjects (a regional expertise of every school's documents): one message
## for all of them. Instead of $subject these get $count and $subjectType (see `subjects-count`); which
## subjects lag is in the digest and behind the coordinator's buttons.

window-open-group = { $tracked ->
    [yes] Начинается этап «{ $title }»: { subjects-waiting }. Срок — до { DATETIME($due, day: "numeric", month: "long") } включительно.
   *[no] К сведению: «{ $title }» — { subjects-count }, срок — { DATETIME($due, day: "numeric", month: "long") }.
    }
    .start = Работа идёт с { DATETIME($start, day: "numeric", month: "long") } по { DATETIME($due, day: "numeric", month: "long") }.
    .system = { item-system-act }
    .link = { item-link }

reminder-group = По пункту «{ $title }» { subjects-waiting }, срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    .system = { item-system-act }
    .link = { item-link }

confirm-request-group = По пункту «{ $title }» размещены документы: { subjects-count }. Проверьте и подтвердите или верните на доработку с комментарием. Срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }.
    .system = { item-system-documents }
    .link = { item-link }

confirm-reminder-group = Подтвердите документы по пункту «{ $title }»: { subjects-waiting } вашего решения, срок до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    .system = { item-system-documents }
    .link = { item-link }

returned-group = Возвращено на доработку по пункту «{ $title }»: { subjects-count }. Срок — до { DATETIME($due, day: "numeric", month: "long") }.
    .system = { item-system-resubmit }
    .link = { item-link }

returned-reminder-group = По пункту «{ $title }» на доработке: { subjects-count }. { timing } Когда исправите, разместите документы снова.
    .system = { item-system-documents }
    .link = { item-link }

promise-reminder-group = Вы планировали завершить пункт «{ $title }» к { DATETIME($promised, day: "numeric", month: "long") } — { subjects-count }. Успеваете? Срок по дорожной карте — { DATETIME($due, day: "2-digit", month: "2-digit") }.

overdue-group = Срок по пункту «{ $title }» — { DATETIME($due, day: "numeric", month: "long") } — прошёл { days-count } назад: { subjects-waiting } отметки о выполнении.
    .system = { item-system-act }
    .link = { item-link }

overdue-supervisor-group = По пункту «{ $title }» нет отметки о выполнении: { subjects-count }. Срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл { days-count } назад.
