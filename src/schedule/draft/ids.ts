/** Russian letters as Latin ones, GOST 7.79-2000 B without diacritics: readable ids for Russian titles. */
const LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'shh', ъ: '',
  ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Most words an id keeps from a title: enough to recognise it, short enough to type. */
const ID_WORDS = 4;

/** Kebab-case Latin: "Первичное посещение ОО" → "pervichnoe-poseshhenie-oo". */
export function slug(text: string, words = ID_WORDS): string {
  const latin = [...text.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join('');
  return latin
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .slice(0, words)
    .join('-');
}

/**
 * Hands out ids unique within one schedule: a row number makes "item-1-2", else the title's first words;
 * a repeat gets "-2", "-3".
 */
export function idMaker(): (number: string | null, title: string) => string {
  const used = new Set<string>();
  return (number, title) => {
    const base = (number !== null && slug(number, 10) !== '' ? `item-${slug(number, 10)}` : slug(title)) || 'item';
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}
