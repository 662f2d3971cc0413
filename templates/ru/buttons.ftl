## Button labels, one per action (`button-<action>`). Telegram shows about 30 characters comfortably.

button-submit = Разместили документы
button-done = Сделано
button-visited = Посетил(а) школу
button-closing_docs = Закрывающие документы сданы
button-in_progress = В работе
button-in_progress_until = В работе до …
button-help = Нужна помощь
button-problem = Проблема
button-confirm = Подтверждаю
button-return = Вернуть на доработку
button-remind_curator = Напомнить куратору
button-remind_school = Напомнить школе
button-lagging_by_municipality = Отстающие по муниципалитетам
button-lagging_schools = Отстающие школы
button-export_xlsx = Выгрузить XLSX
button-show_all = Показать все
button-progress_chart = График выполнения

# A button of item number $n in a message with several items.
button-numbered = { $n }. { $label }
