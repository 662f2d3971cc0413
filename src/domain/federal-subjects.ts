/**
 * The 89 federal subjects of Russia as rosters name them: official name, code, the IANA zone of the
 * capital, and the other names coordinators write. Oblasts and krais also match by their adjective alone
 * ("Саратовская"), and "обл."/"респ."/"г." are expanded before matching (see regions.ts), so those
 * variants need no alias here.
 *
 * Codes are ISO 3166-2:RU where ISO assigns one. ISO lists Crimea, Sevastopol and the four subjects added
 * in 2022 under Ukraine, so for those six the codes in common Russian use are given (RU-CR, RU-SEV,
 * RU-DPR, RU-LPR, RU-ZAP, RU-KHE).
 */

/** One federal subject. */
export interface FederalSubject {
  /** ISO 3166-2:RU, e.g. "RU-SAR". */
  code: string;
  /** The official name, stored in `regions.name`. */
  name: string;
  /** IANA zone of the capital (subjects spanning zones, like Якутия, take their capital's). */
  timeZone: string;
  /** Other names the roster may use. */
  aliases: readonly string[];
}

const subject = (code: string, name: string, timeZone: string, ...aliases: string[]): FederalSubject => ({
  code,
  name,
  timeZone,
  aliases,
});

export const FEDERAL_SUBJECTS: readonly FederalSubject[] = [
  // republics
  subject('RU-AD', 'Республика Адыгея', 'Europe/Moscow', 'Адыгея'),
  subject('RU-AL', 'Республика Алтай', 'Asia/Barnaul', 'Горный Алтай'),
  subject('RU-BA', 'Республика Башкортостан', 'Asia/Yekaterinburg', 'Башкортостан', 'Башкирия'),
  subject('RU-BU', 'Республика Бурятия', 'Asia/Irkutsk', 'Бурятия'),
  subject('RU-DA', 'Республика Дагестан', 'Europe/Moscow', 'Дагестан'),
  subject('RU-IN', 'Республика Ингушетия', 'Europe/Moscow', 'Ингушетия'),
  subject('RU-KB', 'Кабардино-Балкарская Республика', 'Europe/Moscow', 'Кабардино-Балкария', 'КБР'),
  subject('RU-KL', 'Республика Калмыкия', 'Europe/Moscow', 'Калмыкия'),
  subject('RU-KC', 'Карачаево-Черкесская Республика', 'Europe/Moscow', 'Карачаево-Черкесия', 'КЧР'),
  subject('RU-KR', 'Республика Карелия', 'Europe/Moscow', 'Карелия'),
  subject('RU-KO', 'Республика Коми', 'Europe/Moscow', 'Коми'),
  subject('RU-CR', 'Республика Крым', 'Europe/Simferopol', 'Крым'),
  subject('RU-ME', 'Республика Марий Эл', 'Europe/Moscow', 'Марий Эл'),
  subject('RU-MO', 'Республика Мордовия', 'Europe/Moscow', 'Мордовия'),
  subject('RU-SA', 'Республика Саха (Якутия)', 'Asia/Yakutsk', 'Якутия', 'Саха', 'Республика Саха', 'Саха (Якутия)'),
  subject('RU-SE', 'Республика Северная Осетия — Алания', 'Europe/Moscow', 'Северная Осетия', 'Северная Осетия — Алания', 'РСО-Алания'),
  subject('RU-TA', 'Республика Татарстан', 'Europe/Moscow', 'Татарстан', 'Татарстан (Татарстан)'),
  subject('RU-TY', 'Республика Тыва', 'Asia/Krasnoyarsk', 'Тыва', 'Тува'),
  subject('RU-UD', 'Удмуртская Республика', 'Europe/Samara', 'Удмуртия'),
  subject('RU-KK', 'Республика Хакасия', 'Asia/Krasnoyarsk', 'Хакасия'),
  subject('RU-CE', 'Чеченская Республика', 'Europe/Moscow', 'Чечня', 'Чеченская'),
  subject('RU-CU', 'Чувашская Республика — Чувашия', 'Europe/Moscow', 'Чувашия', 'Чувашская Республика', 'Чувашская'),
  subject('RU-DPR', 'Донецкая Народная Республика', 'Europe/Moscow', 'ДНР', 'Донецкая'),
  subject('RU-LPR', 'Луганская Народная Республика', 'Europe/Moscow', 'ЛНР', 'Луганская'),
  // krais
  subject('RU-ALT', 'Алтайский край', 'Asia/Barnaul'),
  subject('RU-ZAB', 'Забайкальский край', 'Asia/Chita'),
  subject('RU-KAM', 'Камчатский край', 'Asia/Kamchatka'),
  subject('RU-KDA', 'Краснодарский край', 'Europe/Moscow', 'Кубань'),
  subject('RU-KYA', 'Красноярский край', 'Asia/Krasnoyarsk'),
  subject('RU-PER', 'Пермский край', 'Asia/Yekaterinburg'),
  subject('RU-PRI', 'Приморский край', 'Asia/Vladivostok', 'Приморье'),
  subject('RU-STA', 'Ставропольский край', 'Europe/Moscow', 'Ставрополье'),
  subject('RU-KHA', 'Хабаровский край', 'Asia/Vladivostok'),
  // oblasts
  subject('RU-AMU', 'Амурская область', 'Asia/Yakutsk'),
  subject('RU-ARK', 'Архангельская область', 'Europe/Moscow'),
  subject('RU-AST', 'Астраханская область', 'Europe/Astrakhan'),
  subject('RU-BEL', 'Белгородская область', 'Europe/Moscow'),
  subject('RU-BRY', 'Брянская область', 'Europe/Moscow'),
  subject('RU-VLA', 'Владимирская область', 'Europe/Moscow'),
  subject('RU-VGG', 'Волгоградская область', 'Europe/Volgograd'),
  subject('RU-VLG', 'Вологодская область', 'Europe/Moscow'),
  subject('RU-VOR', 'Воронежская область', 'Europe/Moscow'),
  subject('RU-IVA', 'Ивановская область', 'Europe/Moscow'),
  subject('RU-IRK', 'Иркутская область', 'Asia/Irkutsk'),
  subject('RU-KGD', 'Калининградская область', 'Europe/Kaliningrad'),
  subject('RU-KLU', 'Калужская область', 'Europe/Moscow'),
  subject('RU-KEM', 'Кемеровская область — Кузбасс', 'Asia/Novokuznetsk', 'Кемеровская область', 'Кемеровская', 'Кузбасс'),
  subject('RU-KIR', 'Кировская область', 'Europe/Kirov'),
  subject('RU-KOS', 'Костромская область', 'Europe/Moscow'),
  subject('RU-KGN', 'Курганская область', 'Asia/Yekaterinburg'),
  subject('RU-KRS', 'Курская область', 'Europe/Moscow'),
  subject('RU-LEN', 'Ленинградская область', 'Europe/Moscow'),
  subject('RU-LIP', 'Липецкая область', 'Europe/Moscow'),
  subject('RU-MAG', 'Магаданская область', 'Asia/Magadan'),
  subject('RU-MOS', 'Московская область', 'Europe/Moscow', 'Подмосковье'),
  subject('RU-MUR', 'Мурманская область', 'Europe/Moscow'),
  subject('RU-NIZ', 'Нижегородская область', 'Europe/Moscow'),
  subject('RU-NGR', 'Новгородская область', 'Europe/Moscow'),
  subject('RU-NVS', 'Новосибирская область', 'Asia/Novosibirsk'),
  subject('RU-OMS', 'Омская область', 'Asia/Omsk'),
  subject('RU-ORE', 'Оренбургская область', 'Asia/Yekaterinburg'),
  subject('RU-ORL', 'Орловская область', 'Europe/Moscow'),
  subject('RU-PNZ', 'Пензенская область', 'Europe/Moscow'),
  subject('RU-PSK', 'Псковская область', 'Europe/Moscow'),
  subject('RU-ROS', 'Ростовская область', 'Europe/Moscow'),
  subject('RU-RYA', 'Рязанская область', 'Europe/Moscow'),
  subject('RU-SAM', 'Самарская область', 'Europe/Samara'),
  subject('RU-SAR', 'Саратовская область', 'Europe/Saratov'),
  subject('RU-SAK', 'Сахалинская область', 'Asia/Sakhalin'),
  subject('RU-SVE', 'Свердловская область', 'Asia/Yekaterinburg'),
  subject('RU-SMO', 'Смоленская область', 'Europe/Moscow'),
  subject('RU-TAM', 'Тамбовская область', 'Europe/Moscow'),
  subject('RU-TVE', 'Тверская область', 'Europe/Moscow'),
  subject('RU-TOM', 'Томская область', 'Asia/Tomsk'),
  subject('RU-TUL', 'Тульская область', 'Europe/Moscow'),
  subject('RU-TYU', 'Тюменская область', 'Asia/Yekaterinburg'),
  subject('RU-ULY', 'Ульяновская область', 'Europe/Ulyanovsk'),
  subject('RU-CHE', 'Челябинская область', 'Asia/Yekaterinburg'),
  subject('RU-YAR', 'Ярославская область', 'Europe/Moscow'),
  subject('RU-ZAP', 'Запорожская область', 'Europe/Moscow'),
  subject('RU-KHE', 'Херсонская область', 'Europe/Moscow'),
  // cities of federal significance
  subject('RU-MOW', 'Москва', 'Europe/Moscow'),
  subject('RU-SPE', 'Санкт-Петербург', 'Europe/Moscow', 'СПб', 'Петербург'),
  subject('RU-SEV', 'Севастополь', 'Europe/Simferopol'),
  // autonomous oblast and okrugs
  subject('RU-YEV', 'Еврейская автономная область', 'Asia/Vladivostok', 'ЕАО', 'Еврейская АО', 'Еврейская'),
  subject('RU-NEN', 'Ненецкий автономный округ', 'Europe/Moscow', 'НАО', 'Ненецкий'),
  subject('RU-KHM', 'Ханты-Мансийский автономный округ — Югра', 'Asia/Yekaterinburg', 'ХМАО', 'ХМАО — Югра', 'Ханты-Мансийский автономный округ', 'Ханты-Мансийский', 'Югра'),
  subject('RU-CHU', 'Чукотский автономный округ', 'Asia/Anadyr', 'ЧАО', 'Чукотка', 'Чукотский'),
  subject('RU-YAN', 'Ямало-Ненецкий автономный округ', 'Asia/Yekaterinburg', 'ЯНАО', 'Ямал', 'Ямало-Ненецкий'),
];
