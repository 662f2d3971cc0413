## Messages the delivery worker sends on its own.

## To a supervisor when a message to someone below them bounced (403: the bot is blocked or the account is
## gone). $personRole is school | curator | municipal | regional; .schoolName shows when $schoolName is set.
unreachable = Бот не может доставить сообщения { $personRole ->
        [school] представителю школы
        [curator] куратору
        [municipal] муниципальному координатору
       *[other] координатору
    } { $personName }: бот заблокирован или аккаунт удалён. Свяжитесь, пожалуйста, напрямую и попросите снова открыть бота и нажать «Старт».
    .schoolName = Школа: { $schoolName }.
