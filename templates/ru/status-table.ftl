## The coordinators' monitoring table (`status export`): a row per school, a column per tracked item.
## Cell words must stay among those `src/tabular/cell-words.ts` reads, so an exported table imports back.

status-table-sheet = Мониторинг
status-table-region = Регион
status-table-municipality = Муниципалитет
status-table-code = Код ОО
status-table-name = Наименование ОО
status-table-curator = Куратор
status-table-totals = Итого
# A column's count, as in the digest: "41 из 53 (77 %)".
status-table-total = { $done } из { $total } ({ $percent } %)
# The note on an item's header: the full title and the due date.
status-table-item-note = { $title }
    Срок: { DATETIME($due, day: "2-digit", month: "2-digit", year: "numeric") }

status-cell-in-progress = в работе
status-cell-promised = обещают { DATETIME($planned, day: "2-digit", month: "2-digit") }
status-cell-submitted = ждёт { $confirmer ->
    [curator] куратора
    [municipal] муниципального координатора
    [regional] регионального координатора
   *[other] проверки
}
status-cell-returned = на доработке
status-cell-returned-comment = на доработке: { $comment }
status-cell-done = выполнено { DATETIME($date, day: "2-digit", month: "2-digit") }
status-cell-done-undated = выполнено
status-cell-confirmed = подтверждено { DATETIME($date, day: "2-digit", month: "2-digit") }
status-cell-not-applicable = не требуется
status-cell-not-applicable-comment = не требуется: { $comment }

# Who set a status, in a cell's note and on /school: a person, or an import's file and on whose behalf.
status-set-by-person = { $who }, { DATETIME($at, day: "2-digit", month: "2-digit", year: "numeric") }
status-set-by-import = импорт { $file } ({ $actor }), { DATETIME($at, day: "2-digit", month: "2-digit", year: "numeric") }
