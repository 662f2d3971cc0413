## `npm run demo`: the narration around the messages the demo shows. The messages themselves come from the
## other files, exactly as the bot sends them.

demo-intro =
    Демонстрация roadmap-bot: Адресная методическая помощь «500+», 2022.
    Школ: { $schools }, людей: { $people }, графиков: { $schedules }, статусов из демо-файла: { $statuses }.
    Часы бота переведены на { $from } и идут ускоренно, до { $to }: за несколько секунд проходят
    рабочие дни вокруг срока первого этапа (01.06.2022), так что видны напоминания, просьбы кураторам
    подтвердить документы, эскалации после срока, вопросы муниципальным координаторам и сводка региону.
    Сообщения никуда не отправляются: ниже показано, что получил бы каждый адресат и когда (по его времени).
demo-step = ══════ { $when } (МСК) ══════
demo-summary-title = Итог демонстрации ({ $from } — { $to }):
demo-summary-messages = Отправлено сообщений: { $messages } (в них пунктов: { $items }).
demo-summary-states = Пункты по состоянию: отправлено { $sent }, пропущено { $skipped }, не доставлено { $dead }, ожидают { $waiting }.
demo-summary-kind = { $kind }: { $count }
demo-summary-role = { $role }: { $count }
demo-summary-by-kind = По видам:
demo-summary-by-role = По адресатам (сообщений):
demo-follow = Демонстрация продолжается в реальном времени от { $from }; Ctrl+C — выход.

demo-kind = { $kind ->
    [window_open] Открылось окно
    [reminder] Напоминание
    [confirm_request] Просьба куратору подтвердить
    [confirm_handoff] Размещено к сроку, передано куратору
    [confirm_reminder] Напоминание куратору о подтверждении
    [returned] Возврат на доработку
    [returned_reminder] Напоминание о доработке
    [promise_reminder] Напоминание об обещанной дате
    [overdue] Срок прошёл
    [overdue_supervisor] Просрочка у подопечной школы
    [status_prompt] Вопрос о статусе муниципальному координатору
    [event] Мероприятие (на неделе, накануне или в день)
    [digest_regional] Сводка региональному координатору
    [digest_municipal] Сводка муниципальному координатору
    [unreachable] Адресат недоступен
    [welcome] Приветствие новому участнику
   *[other] { $kind }
}

demo-role = { $role ->
    [school] школы
    [curator] кураторы
    [municipal] муниципальные координаторы
    [regional] региональные координаторы
   *[other] администраторы
}
demo-early-birds = { $when } (МСК): школ, отметивших «Сделано» ещё до утренней рассылки: { $schools }. Эти пункты бот уже запланировал; перед отправкой он перечитывает статус и пропускает их.

## `roadmap-bot preview`: the chart that follows a weekly regional digest, named in its place (not drawn).
preview-chart = [диаграмма: { $file }]
