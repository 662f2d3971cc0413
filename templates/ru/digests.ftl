## Digests: one screen each (at most 1,500 characters, never split). The header takes $region or
## $municipality and $date; the renderer adds a `digest-line` per indicator, `digest-more` for the lines
## left off, the `digest-top-*` list of the places that lag most, and the unreachable people.

digest-regional = Сводка по региону «{ $region }» на { DATETIME($date, day: "numeric", month: "long") }
digest-municipal = Сводка по муниципалитету «{ $municipality }» на { DATETIME($date, day: "numeric", month: "long") }

# One indicator: "Документы 1 этапа подтверждены: 41 из 53 (77 %) · срок 01.06 · +6 за неделю".
digest-line = { $indicator }: { $done } из { $total } ({ $percent } %) · срок { DATETIME($due, day: "2-digit", month: "2-digit") } · +{ $week } за неделю
digest-more = { $more ->
        [one] …и ещё { $more } показатель — в XLSX.
        [few] …и ещё { $more } показателя — в XLSX.
       *[other] …и ещё { $more } показателей — в XLSX.
    }
# No line to show: no deadline this week, and nothing lags whose deadline was after $since (the look-back;
# older lags stay in the lists behind the buttons and in the XLSX).
digest-no-lines = На этой неделе сроков нет, и по срокам с { DATETIME($since, day: "numeric", month: "long") } никто не отстаёт.
# The same where no look-back date is at hand (a digest stored before it was planned, an empty chart).
digest-no-deadlines = На этой неделе сроков нет.

# The places that lag most: municipalities in the regional digest, schools in the municipal one.
digest-top-regional = Больше всего просрочено:
digest-top-municipal = Больше всего просрочено у школ:
digest-top-line = { $name } — { items-count }{ $schools ->
        [0] {""}
        [one] {" "}у { $schools } школы
       *[other] {" "}у { $schools } школ
    }
digest-top-more = Все отстающие — по кнопке ниже.
items-count = { $items ->
        [one] { $items } пункт
        [few] { $items } пункта
       *[other] { $items } пунктов
    }

digest-unreachable = Бот не может связаться: { $names }
digest-unreachable-count = { $count ->
        [one] Бот не может связаться с { $count } человеком: он заблокировал бота.
       *[other] Бот не может связаться с { $count } людьми: они заблокировали бота.
    }
digest-not-joined = Не подключились к боту: { $count } — { $names }{ $more ->
        [0] .
       *[other] { " " }и ещё { $more }.
    }
digest-person = { $name } ({ $role ->
    [school] представитель школы
    [curator] куратор
    [municipal] муниципальный координатор
    [regional] региональный координатор
   *[other] администратор
    })

## The digest's picture (a bar per indicator line).
chart-title = Выполнение показателей на { DATETIME($date, day: "numeric", month: "long") }
chart-due = срок { DATETIME($due, day: "2-digit", month: "2-digit") }
chart-share = { $done } из { $total }
chart-caption = Доля выполненного по показателям сводки; красным — срок прошёл, а выполнены не все.
