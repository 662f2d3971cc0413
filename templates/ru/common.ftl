## Pieces shared by every message: day counts, dates, roles, the bundle header.
## Dates arrive as calendar dates: DATETIME(..., day: "2-digit", month: "2-digit") gives "01.06",
## DATETIME(..., day: "numeric", month: "long") gives "1 июня".

# "1 день", "2 дня", "5 дней" for $days (Fluent terms cannot take variables, so this is a message).
days-count = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }

# How far the deadline is, from the day the message goes out. $timing: ahead | today | late.
timing = { $timing ->
        [ahead] { $days ->
            [one] Остался { days-count }.
           *[other] Осталось { days-count }.
        }
        [today] Срок истекает сегодня, в конце дня.
       *[late] Срок прошёл { days-count } назад.
    }

# The first line of a morning message that carries several items: how many of them ask for an answer
# (have buttons acting on an item).
bundle-header = { $count ->
    [one] На { DATETIME($date, day: "numeric", month: "long") } у вас { $count } вопрос:
    [few] На { DATETIME($date, day: "numeric", month: "long") } у вас { $count } вопроса:
   *[other] На { DATETIME($date, day: "numeric", month: "long") } у вас { $count } вопросов:
    }
# A day's message of several items none of which asks anything (a digest, the week's events).
bundle-header-notices = На { DATETIME($date, day: "numeric", month: "long") }:

# An item's number in a message with several items; its buttons carry the same number.
item-number = { $n }.

# How many subjects a coordinator's item covers: "41 школа", "2 школы", "5 школ".
# $subjectType: school | curator | municipality.
subjects-count = { $subjectType ->
        [curator] { $count ->
            [one] { $count } куратор
            [few] { $count } куратора
           *[other] { $count } кураторов
        }
        [municipality] { $count ->
            [one] { $count } муниципалитет
            [few] { $count } муниципалитета
           *[other] { $count } муниципалитетов
        }
       *[school] { $count ->
            [one] { $count } школа
            [few] { $count } школы
           *[other] { $count } школ
        }
    }

# The same with its verb: "41 школа ждёт", "2 школы ждут".
subjects-waiting = { subjects-count } { $count ->
        [one] ждёт
       *[other] ждут
    }

# The last line of a coordinator's morning message that shows only its first items.
bundle-more = { $count ->
    [one] Ещё { $count } вопрос — по кнопке «Показать все».
    [few] Ещё { $count } вопроса — по кнопке «Показать все».
   *[other] Ещё { $count } вопросов — по кнопке «Показать все».
    }

# A school whose name another school of its region shares, told apart by its code (any `$x` that comes with
# `$xCode`: the renderer puts this in its place).
name-with-code = { $name } (код { $code })

# A month by its number $month, after «в» («в марте») and after «с» («с марта»).
month-prepositional = { $month ->
        [1] январе
        [2] феврале
        [3] марте
        [4] апреле
        [5] мае
        [6] июне
        [7] июле
        [8] августе
        [9] сентябре
        [10] октябре
        [11] ноябре
       *[12] декабре
    }
month-genitive = { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    }
