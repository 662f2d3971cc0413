## The bot's own replies: registration, button presses, typed answers and commands.

# A status in words; other messages reference it with their own $status.
bot-status-name = { $status ->
    [pending] не начато
    [in_progress] в работе
    [submitted] документы размещены, ждут проверки
    [returned] возвращено на доработку
    [confirmed] подтверждено
    [done] выполнено
   *[not_applicable] не требуется
}

# A role in words; other messages reference it with their own $role.
bot-role-name = { $role ->
    [school] представитель школы
    [curator] куратор
    [municipal] муниципальный координатор
    [regional] региональный координатор
   *[admin] администратор
}


## Registration

bot-start-stranger = Этот бот работает только для участников программы «500+». Чтобы подключиться, попросите у своего координатора персональную ссылку-приглашение и откройте её.
bot-start-invalid = { $reason ->
    [expired] Срок действия этой ссылки-приглашения истёк. Попросите у координатора новую.
    [used] Эта ссылка-приглашение уже использована. Если это были не вы, сообщите координатору и попросите новую.
   *[other] Ссылка-приглашение не подошла. Проверьте, что открыли её целиком, или попросите у координатора новую.
}
bot-start-other-identity = Вы уже зарегистрированы как { $name }. Чтобы сменить учётную запись, попросите у координатора новое приглашение для неё.
bot-welcome = Здравствуйте, { $name }! Вы подключены как { bot-role-name }.
bot-scope = { $role ->
    [school] Ваша школа: { $schools }.
    [curator] Ваши школы ({ $count }): { $schools }.
    [municipal] Ваш муниципалитет: { $municipality } (школ: { $count }).
    [regional] Ваш регион: { $region } (школ: { $count }).
   *[admin] Вам доступны все школы (всего: { $count }).
}

## Items and their states

bot-item-state = «{ $title }», { $subject }: { bot-status-name }{ $by ->
    [person] {""} — { $who }, { $at }
    [system] {""} — отметка системы, { $at }
   *[nobody] {""}
}.
bot-item-planned = Планируют завершить к { DATETIME($planned, day: "2-digit", month: "2-digit", year: "numeric") }.
bot-item-comment = Комментарий: { $comment }
bot-item-set-by = Отметил(а): { $who }
bot-item-line = { $late ->
    [yes] ⚠ просрочено:{" "}
   *[no] {""}
}{ DATETIME($due, day: "2-digit", month: "2-digit") } — «{ $title }», { $school }: { bot-status-name }
bot-item-group-line = { $late ->
    [yes] ⚠ просрочено:{" "}
   *[no] {""}
}{ DATETIME($due, day: "2-digit", month: "2-digit") } — «{ $title }»: не закрыто { $open }, { $capacity ->
    [confirmer] ждут вашей проверки
   *[assignee] ждут вашего ответа
} { $waiting }
bot-more = …и ещё { $count }.
bot-deadlines-title = Открытые вопросы на ближайшие { $days } дн. и просроченные:
bot-deadlines-none = На ближайшие { $days } дн. открытых вопросов нет.

# The greeting of someone who has just joined: one message, then what to do now, each item with its buttons.
# $more: items due as well but not shown (they are in /deadlines).
welcome = { bot-welcome }
    { bot-scope }
welcome-todo = { $more ->
        [0] Что сделать сейчас:
       *[other] Что сделать сейчас (ещё { $more } — в /deadlines):
    }

## Button presses

bot-press-saved = Записано.
bot-press-unchanged = { $why ->
    [stale] Статус уже изменился — показываю текущий. Ничего не изменено.
    [already] Это уже отмечено. Ничего не изменено.
   *[not_allowed] Сейчас это действие недоступно. Ничего не изменено.
}
bot-press-invalid = Кнопка не распознана. Ничего не изменено.
bot-press-refused = Эта кнопка относится не к вашим школам. Ничего не изменено.
bot-press-outdated = Это сообщение относится к прежнему графику. Ничего не изменено.
bot-not-registered-short = Вы не зарегистрированы в боте. Попросите у координатора ссылку-приглашение.
bot-private-only = Я работаю только в личных сообщениях.
bot-error-apology = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже.

## Questions that wait for a typed answer

bot-ask-planned-date = «{ $title }», { $subject }: к какому числу планируете завершить? Напишите дату, например 15.06.
bot-ask-return-comment = «{ $title }», { $subject }: что нужно доработать? Напишите комментарий одним сообщением — он сразу уйдёт школе.
bot-ask-problem-reason = «{ $title }», { $subject }: в чём проблема? Опишите одним сообщением — его получат куратор и региональный координатор.
bot-ask-help = «{ $title }», { $subject }: какая помощь нужна? Напишите одной строкой — { $helpers ->
        [municipal] её получит муниципальный координатор.
        [regional] её получит региональный координатор.
       *[other] её получат куратор и муниципальный координатор.
    }
bot-help-nobody = Выше вас в боте никого нет: с вопросом по пункту «{ $title }» обратитесь в ФГБУ «ФИОКО» напрямую.
bot-bad-date = Не понял дату. Напишите число и месяц, например 15.06, не раньше сегодняшнего дня.
bot-no-question = Я сейчас ничего не спрашивал. Список команд — /help.
bot-help-forward = { $from } просит помощи: «{ $title }», { $subject }.
    { $text }
bot-problem-forward = { $from } сообщает о проблеме: «{ $title }», { $subject }.
    Причина: { $text }
bot-forwarded = { $count ->
    [0] Сообщение записано, но передать его сейчас некому — координаторы не подключены к боту.
   *[other] Передал сообщение (получателей: { $count }).
}
bot-curator-nudge = { $status ->
        [submitted] { $from } просит обратить внимание: «{ $title }», { $subject } — документы размещены и ждут вашей проверки, срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл.
       *[other] { $from } просит обратить внимание: «{ $title }», { $subject } — срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл, отметки о выполнении нет.
    }
bot-school-nudge = Куратор { $from } напоминает: по пункту «{ $title }» срок { DATETIME($due, day: "2-digit", month: "2-digit") } прошёл, отметки о выполнении нет. Если работа идёт, отметьте «В работе» под напоминанием бота; если нужна помощь — напишите куратору.
bot-nudge-sent = { $who ->
    [school] { $count ->
        [0] Школа не подключена к боту — напоминание не отправлено.
       *[other] Напоминание школе отправлено.
    }
   *[curator] { $count ->
        [0] Куратор не подключён к боту — напоминание не отправлено.
       *[other] Напоминание куратору отправлено.
    }
}
bot-done-waits-curator = Документы ждут проверки куратора: отметку ставит он. Нажмите «Напомнить куратору». Ничего не изменено.

## Coordinators' views

bot-lagging-title = Отстающие по муниципалитетам (просроченные и не выполненные вопросы):
bot-lagging-line = { $municipality }: школ — { $schools }, вопросов — { $items }
bot-lagging-none = Отстающих нет: все вопросы с прошедшим сроком закрыты.
bot-export-caption = Статусы школ по всем этапам (строк: { $rows }).
bot-xlsx-sheet = Статусы
bot-xlsx-school-code = Код школы
bot-xlsx-school = Школа
bot-xlsx-municipality = Муниципалитет
bot-xlsx-milestone = Этап
bot-xlsx-due = Срок
bot-xlsx-status = Статус
bot-xlsx-planned = Планируемая дата
bot-xlsx-comment = Комментарий
bot-xlsx-updated = Изменено
bot-school-card = { $name } (код { $code }):
bot-school-unknown = Школа с таким кодом среди ваших не найдена.

## Commands

bot-command-start = Подключиться по приглашению
bot-command-status = Мои открытые вопросы
bot-command-deadlines = Сроки на ближайшие дни: /deadlines 14
bot-command-school = Карточка школы: /school 640001
bot-command-digest = Сводка по отстающим
bot-command-snooze = Отложить напоминание на рабочий день
bot-command-settings = Время рассылки и день сводки
bot-command-help = Что умеет бот
bot-command-not-for-role = Эта команда не для вашей роли.
bot-usage-deadlines = Напишите число дней от 1 до 366, например /deadlines 14.
bot-usage-school = Напишите код школы, например /school 640001.
bot-snooze-nothing = Откладывать нечего: нет ваших открытых вопросов, по которым до срока ещё будут напоминания.
bot-snooze-choose = Напоминания по какому вопросу отложить на рабочий день? Эскалации и напоминание в последний рабочий день до срока не откладываются.{ $more ->
    [0] {""}
   *[other] {" "}Показаны ближайшие по сроку; ещё вопросов: { $more }.
}
bot-snooze-choice = { DATETIME($due, day: "2-digit", month: "2-digit") } — «{ $title }», { $subject }
bot-snoozed = { $only ->
    [yes] Отложить можно только этот вопрос, поэтому он отложен сразу.{" "}
   *[no] {""}
}«{ $title }», { $subject }: напоминания отложены до { DATETIME($until, day: "2-digit", month: "2-digit") }. Эскалации по сроку не откладываются.
bot-snooze-already = «{ $title }», { $subject }: напоминания уже отложены до { DATETIME($until, day: "2-digit", month: "2-digit") }.
bot-snooze-not-possible = «{ $title }», { $subject }: отложить больше нельзя — срок { DATETIME($due, day: "2-digit", month: "2-digit") }, напоминание перед ним придёт.
bot-usage-settings = Примеры: /settings window 09:00-18:00 — время рассылки; /settings digest 1 — день сводки (1 — понедельник, 7 — воскресенье).
bot-settings = { $changed ->
    [yes] Сохранено.{" "}
   *[no] {""}
}Время рассылки: { $start }–{ $end }. День сводки: { $day ->
    [1] понедельник
    [2] вторник
    [3] среда
    [4] четверг
    [5] пятница
    [6] суббота
   *[7] воскресенье
}. { bot-usage-settings }
bot-help = Вы подключены как { bot-role-name }. Я напоминаю о сроках дорожной карты «500+»; отвечайте кнопками под сообщениями. Команды:

bot-lagging-schools-title = Отстающие школы (пункты с прошедшим сроком, не выполнены):
bot-lagging-school-line = { $name } ({ $code }) — { items-count }
