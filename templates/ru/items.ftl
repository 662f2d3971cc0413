## One message per notification kind about one item (a milestone for a school, a curator, a municipality
## or a region). Every item message gets: $title (milestone), $subject (school or other subject name),
## $subjectType, $due (deadline), $timing and $days (see `timing`). Attributes are optional lines, shown
## only when their parameter has a value.

window-open = { $tracked ->
    [yes] Начинается этап «{ $title }». Срок — до { DATETIME($due, day: "numeric", month: "long") } включительно.
   *[no] К сведению: «{ $title }», срок — { DATETIME($due, day: "numeric", month: "long") }.
    }
    .start = Работа идёт с { DATETIME($start, day: "numeric", month: "long") } по { DATETIME($due, day: "numeric", month: "long") }.
    .municipality = { $subject }, { $municipality }.

reminder = Напоминание: «{ $title }» — до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }
    .municipality = { $subject }, { $municipality }.

confirm-request = { $subject } разместила документы: «{ $title }». Проверьте и подтвердите или верните на доработку с комментарием. Срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }.
    .municipality = Муниципалитет: { $municipality }.

confirm-reminder = Подтвердите документы школы { $subject } до { DATETIME($due, day: "2-digit", month: "2-digit") }: «{ $title }». Документы размещены и ждут вашего решения. { timing }
    .municipality = Муниципалитет: { $municipality }.

returned = Куратор вернул документы на доработку: «{ $title }».
    Комментарий куратора: { $comment }
    Срок — до { DATETIME($due, day: "numeric", month: "long") }.

returned-reminder = Документы по «{ $title }» ждут доработки. Комментарий куратора: { $comment }
    { timing } Когда исправите, разместите документы снова.

promise-reminder = Вы планировали завершить «{ $title }» к { DATETIME($promised, day: "numeric", month: "long") }. Успеваете? Срок по дорожной карте — { DATETIME($due, day: "2-digit", month: "2-digit") }.

overdue = Срок «{ $title }» — { DATETIME($due, day: "numeric", month: "long") } — прошёл, отметки о выполнении нет. { timing } Если работа идёт, отметьте «В работе»; если нужна помощь — скажите.

overdue-supervisor = { $status ->
    [submitted] { $subject }: документы по «{ $title }» размещены, но не подтверждены, а срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл. Подтвердите или верните на доработку.
    [returned] { $subject }: «{ $title }» — документы на доработке, срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл.
    [in_progress] { $subject }: «{ $title }» — в работе, но срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл.
   *[other] { $subject }: «{ $title }» не выполнено, срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл.
    } { timing }
    .municipality = Муниципалитет: { $municipality }.

status-prompt = Отстаёт: { $subject }. «{ $title }», срок { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing } Сейчас: { $status ->
        [submitted] документы размещены, ждут подтверждения куратора.
        [returned] документы возвращены на доработку.
        [in_progress] в работе.
       *[other] отметки нет.
    } Что известно?
    .municipality = Муниципалитет: { $municipality }.
    .curator = Куратор: { $curator }.
    .promised = Обещали завершить к { DATETIME($promised, day: "2-digit", month: "2-digit") }.

event = { DATETIME($date, day: "numeric", month: "long") }: { $title }.
    .time = Начало в { $time } по вашему времени.
    .link = Ссылка: { $link }

## A coordinator's item over many subjects (a regional expertise of every school's documents): one message
## for all of them. Instead of $subject these get $count and $subjectType (see `subjects-count`); which
## subjects lag is in the digest and behind the coordinator's buttons.

window-open-group = { $tracked ->
    [yes] Начинается этап «{ $title }»: { subjects-waiting }. Срок — до { DATETIME($due, day: "numeric", month: "long") } включительно.
   *[no] К сведению: «{ $title }» — { subjects-count }, срок — { DATETIME($due, day: "numeric", month: "long") }.
    }
    .start = Работа идёт с { DATETIME($start, day: "numeric", month: "long") } по { DATETIME($due, day: "numeric", month: "long") }.

reminder-group = { $title }: { subjects-waiting }, срок { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }

confirm-request-group = «{ $title }»: документы разместили — { subjects-count }. Проверьте и подтвердите или верните на доработку с комментарием. Срок — до { DATETIME($due, day: "2-digit", month: "2-digit") }.

confirm-reminder-group = Подтвердите документы: «{ $title }» — { subjects-waiting } вашего решения, срок до { DATETIME($due, day: "2-digit", month: "2-digit") }. { timing }

returned-group = Возвращено на доработку: «{ $title }» — { subjects-count }. Срок — до { DATETIME($due, day: "numeric", month: "long") }.

returned-reminder-group = «{ $title }»: на доработке — { subjects-count }. { timing } Когда исправите, разместите документы снова.

promise-reminder-group = Вы планировали завершить «{ $title }» к { DATETIME($promised, day: "numeric", month: "long") } — { subjects-count }. Успеваете? Срок по дорожной карте — { DATETIME($due, day: "2-digit", month: "2-digit") }.

overdue-group = Срок «{ $title }» — { DATETIME($due, day: "numeric", month: "long") } — прошёл: { subjects-waiting } отметки о выполнении. { timing }

overdue-supervisor-group = «{ $title }»: срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл, не выполнено — { subjects-count }. { timing }

status-prompt-group = Отстают по «{ $title }», срок { DATETIME($due, day: "2-digit", month: "2-digit") }: { subjects-count }. { timing } Какие именно — в сводке и по кнопке «Отстающие по муниципалитетам».
