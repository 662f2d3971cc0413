## Digests. The header message takes $region or $municipality and $date; the renderer adds one
## `digest-section` per milestone, its lagging subjects by municipality, and the unreachable people.

digest-regional = Сводка по региону «{ $region }» на { DATETIME($date, day: "numeric", month: "long") }.
digest-municipal = Сводка по муниципалитету «{ $municipality }» на { DATETIME($date, day: "numeric", month: "long") }.

# A milestone's control indicator: "Доля ОО, …: 41 из 53 (77 %)".
digest-section = { $kpi }: { $done } из { $total } ({ $percent } %). Срок — { DATETIME($due, day: "2-digit", month: "2-digit") }.
digest-lagging-title = Отстают:
digest-lagging-group = { $group }: { $names }
digest-group-curators = Кураторы
digest-promised = { $name } (обещают к { DATETIME($promised, day: "2-digit", month: "2-digit") })
digest-no-sections = Активных этапов сейчас нет.
digest-unreachable = Бот не может связаться: { $names }
digest-person = { $name } ({ $role ->
    [school] представитель школы
    [curator] куратор
    [municipal] муниципальный координатор
    [regional] региональный координатор
   *[other] администратор
    })
