//! Per-language wording: labels, sentence templates, quotes, linkers and rank words.
//!
//! Every template here was written for this crate. Placeholders: `{n}` a number, `{film}`,
//! `{year}`, `{composer}`, `{song}` (already quoted), `{artist}`, `{list}`, `{i}`, `{k}`.

/// The wording of one language.
#[derive(Debug)]
pub struct Lang {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Headlines with `{n}`.
    pub headlines: &'static [&'static str],
    /// Introduction paragraphs (no film names), some with `{n}`.
    pub intros: &'static [&'static str],
    /// Entry blurbs with `{film}`, `{composer}` and `{year}`.
    pub blurbs: &'static [&'static str],
    /// Blurb sentences naming a song and its performer (`{song}`, `{artist}`).
    pub song_lines: &'static [&'static str],
    /// Blurb sentences naming a song without a performer.
    pub song_lines_bare: &'static [&'static str],
    /// Two sentences: the performer in the first, the song in the second.
    pub song_lines_split: &'static [&'static str],
    /// Blurb sentences naming an instrumental cue and the composer (`{song}`, `{composer}`).
    pub cue_lines: &'static [&'static str],
    /// Quote pairs used around song titles.
    pub quotes: &'static [(&'static str, &'static str)],
    /// Headings over honorable mentions.
    pub hm_labels: &'static [&'static str],
    /// A sentence announcing the mentions inline, with `{list}`.
    pub hm_runon: &'static [&'static str],
    /// A sentence that introduces a bullet list of mentions.
    pub hm_leadin: &'static [&'static str],
    /// The label of a runner-up line (`Runner-up: Film`).
    pub runner_up: &'static str,
    /// The word joining the last two items of a list.
    pub and: &'static str,
    /// Intro sentences saying the list is in no particular order.
    pub unranked_intros: &'static [&'static str],
    /// Intro sentences saying the numbers are not positions.
    pub not_positions_intros: &'static [&'static str],
    /// Rank labels with `{n}` (`Rank: {n}`, `Platz {n}`, `{n}位`).
    pub rank_labels: &'static [&'static str],
    /// Column headers: rank, film, year, composer, song, artist.
    pub columns: [&'static str; 6],
    /// "from {film}" in a song head.
    pub from_film: &'static str,
    /// The tie word in `TIE: A and B`.
    pub tie_word: &'static str,
    /// "Page {i} of {n}".
    pub page_of: &'static str,
    /// "Next page" style link text.
    pub next_page: &'static str,
    /// Announces the rest of a split list, with `{i}` (page) and `{k}` (first rank there).
    pub continued: &'static str,
    /// Titles of related-link boxes.
    pub related: &'static [&'static str],
    /// Titles of related articles (with `{n}`), used in the boxes.
    pub related_items: &'static [&'static str],
    /// The heading of a comment section.
    pub comments: &'static str,
    /// Comment texts; `{n}` is a rank, `{film}` a film from the list.
    pub comment_texts: &'static [&'static str],
    /// Navigation menu items.
    pub nav: &'static [&'static str],
    /// A cookie banner sentence.
    pub cookie: &'static str,
    /// The byline with `{author}`.
    pub byline: &'static str,
    /// The table-of-contents label.
    pub toc: &'static str,
    /// The tracklist label.
    pub tracklist: &'static str,
    /// An advertisement label.
    pub ad: &'static str,
    /// A caption template with `{film}`.
    pub caption: &'static str,
    /// A forum post header with `{author}` and `{n}` (post number).
    pub post_header: &'static str,
    /// A forum post that continues the list in the next post.
    pub forum_more: &'static str,
    /// Sidebar box title.
    pub sidebar: &'static str,
    /// Newsletter box text.
    pub newsletter: &'static str,
    /// A reader poll question.
    pub poll: &'static str,
    /// A commenter's own ranking, with `{n}`.
    pub my_top: &'static str,
}

/// All languages.
pub const LANGS: &[&Lang] = &[&EN, &FR, &DE, &ES, &IT, &PT, &JA];

/// A language by code.
pub fn by_code(code: &str) -> Option<&'static Lang> {
    LANGS.iter().copied().find(|l| l.code == code)
}

/// English.
pub const EN: Lang = Lang {
    code: "en",
    headlines: &[
        "The {n} Greatest Film Soundtracks Ever Made",
        "{n} Movie Scores Worth Owning on Vinyl",
        "Our Top {n} Soundtracks, Ranked",
        "The {n} Best Uses of Music in Film",
    ],
    intros: &[
        "We argued about this one for weeks. What follows is the shortlist that survived the arguing.",
        "A great soundtrack does more than fill the silence: it tells you how to feel before the actors do.",
        "Here are our {n} picks, chosen by the staff and checked against far too many listening sessions.",
        "Some of these albums sold millions, others barely left the cinema. All of them stayed with us.",
    ],
    blurbs: &[
        "The music, credited to {composer}, never sits politely in the background.",
        "Few records from {year} still sound this alive, and the credit goes to {composer}.",
        "The film is good; the music is the reason people still talk about it.",
        "Every cue feels placed by hand, and the album plays well on its own.",
        "Hearing this score again takes you straight back to the cinema seat.",
    ],
    song_lines: &[
        "The standout is {song} by {artist}.",
        "Listen for {song} by {artist} in the second half.",
        "{artist} delivers {song}, and the scene around it is unforgettable.",
    ],
    song_lines_split: &[
        "{artist} is all over this album. Start with {song}.",
        "Nobody expected {artist} to steal the film. {song} did exactly that.",
    ],
    song_lines_bare: &[
        "{song} is the moment most viewers remember.",
        "The album peaks with {song}.",
    ],
    cue_lines: &[
        "The cue {song} shows {composer} at full strength.",
        "Start with {song}, where {composer} lets the orchestra breathe.",
    ],
    quotes: &[("\u{201c}", "\u{201d}"), ("\"", "\"")],
    hm_labels: &["Honorable Mentions", "Also Worth a Listen", "Near Misses"],
    hm_runon: &[
        "Honorable mentions go to {list}, all of which came close.",
        "We also loved {list}, but there was no room left.",
    ],
    hm_leadin: &["A few more that nearly made the cut:", "These just missed out:"],
    runner_up: "Runner-up",
    and: "and",
    unranked_intros: &[
        "The soundtracks below appear in no particular order.",
        "This is not a ranking: the films are listed in no particular order.",
    ],
    not_positions_intros: &[
        "The list is alphabetical, so the numbers below are not positions.",
        "We numbered the films for convenience only; the numbers are not a ranking.",
    ],
    rank_labels: &["Rank: {n}", "No. {n}", "Position {n}"],
    columns: ["Rank", "Film", "Year", "Composer", "Song", "Artist"],
    from_film: "from {film}",
    tie_word: "TIE",
    page_of: "Page {i} of {n}",
    next_page: "Next page",
    continued: "The list continues on page {i} with number {k}.",
    related: &["Related", "Up Next", "Trending", "Most Popular"],
    related_items: &[
        "{n} horror scores that still give us chills",
        "{n} songs that made a mediocre film better",
        "Ranking {n} concert films from worst to best",
        "{n} composers who should have won an Oscar",
    ],
    comments: "Comments",
    comment_texts: &[
        "Number {n} is far too low, in my opinion.",
        "Where is {film}? It should be in the top {n}.",
        "I listened to all {n} of these on the train this week.",
        "Great list, though I would swap the top two.",
    ],
    nav: &["Home", "Movies", "Music", "Lists", "Newsletter"],
    cookie: "This site uses cookies to measure traffic. Accept all or choose your settings.",
    byline: "By {author}",
    toc: "Contents",
    tracklist: "Tracklist",
    ad: "Advertisement",
    caption: "A scene from {film}. Photo: studio handout",
    post_header: "{author} wrote (post #{n}):",
    forum_more: "Ran out of space, the rest follows in my next post.",
    sidebar: "Editor's picks",
    newsletter: "Get our weekly playlist in your inbox. Sign up, it takes ten seconds.",
    poll: "Which one would you put first?",
    my_top: "My own top {n}, for the record:",
};

/// French.
pub const FR: Lang = Lang {
    code: "fr",
    headlines: &[
        "Les {n} plus belles bandes originales du cinéma",
        "{n} musiques de films à réécouter d'urgence",
        "Notre classement des {n} meilleures BO",
    ],
    intros: &[
        "Choisir a été douloureux. Voici la sélection qui a résisté à nos débats.",
        "Une bonne bande originale raconte l'histoire autrement que les images.",
        "Voici nos {n} choix, votés par la rédaction après de longues écoutes.",
    ],
    blurbs: &[
        "La musique, signée {composer}, ne reste jamais en retrait.",
        "Peu de disques de {year} sonnent encore aussi juste ; merci à {composer}.",
        "Le film est réussi, mais c'est la musique qu'on retient.",
        "Chaque morceau semble posé à la main, et l'album s'écoute d'une traite.",
    ],
    song_lines: &[
        "Le sommet reste {song} par {artist}.",
        "On retient surtout {song}, interprété par {artist}.",
        "{song} de {artist} accompagne la plus belle scène du film.",
    ],
    song_lines_split: &[
        "{artist} marque tout l'album de sa voix. Commencez par {song}.",
        "Personne n'attendait {artist} ici. Et pourtant, {song} emporte tout.",
    ],
    song_lines_bare: &[
        "Tout le monde se souvient de {song}.",
        "L'album culmine avec {song}.",
    ],
    cue_lines: &[
        "Le morceau {song} montre {composer} au sommet de son art.",
        "Commencez par {song}, où {composer} laisse respirer l'orchestre.",
    ],
    quotes: &[
        ("«\u{a0}", "\u{a0}»"),
        ("\u{201c}", "\u{201d}"),
        ("‹\u{a0}", "\u{a0}›"),
    ],
    hm_labels: &[
        "Mentions spéciales",
        "Ils ont failli y être",
        "À écouter aussi",
    ],
    hm_runon: &[
        "Mentions spéciales pour {list}, qui n'étaient pas loin.",
        "Nous avons aussi adoré {list}, faute de place.",
    ],
    hm_leadin: &["Quelques titres sont restés aux portes du classement :"],
    runner_up: "Dauphin",
    and: "et",
    unranked_intros: &[
        "Les bandes originales ci-dessous sont présentées sans ordre particulier.",
        "Ceci n'est pas un classement : les films apparaissent dans le désordre.",
    ],
    not_positions_intros: &[
        "La liste suit l'ordre alphabétique ; les numéros ne sont pas un classement.",
    ],
    rank_labels: &["Rang : {n}", "N° {n}", "Position {n}"],
    columns: [
        "Rang",
        "Film",
        "Année",
        "Compositeur",
        "Chanson",
        "Interprète",
    ],
    from_film: "extrait de {film}",
    tie_word: "EX AEQUO",
    page_of: "Page {i} sur {n}",
    next_page: "Page suivante",
    continued: "La suite du classement en page {i}, à partir du numéro {k}.",
    related: &["À lire aussi", "Les plus lus", "Tendances"],
    related_items: &[
        "{n} musiques de films d'horreur qui glacent le sang",
        "{n} chansons qui ont sauvé un film moyen",
        "Les {n} compositeurs oubliés des Oscars",
    ],
    comments: "Commentaires",
    comment_texts: &[
        "Le numéro {n} mérite mieux, franchement.",
        "Et {film} ? Il devrait être dans le top {n}.",
        "Belle liste, mais j'aurais inversé les deux premiers.",
    ],
    nav: &["Accueil", "Cinéma", "Musique", "Classements"],
    cookie: "Ce site utilise des cookies pour mesurer l'audience. Tout accepter ou paramétrer.",
    byline: "Par {author}",
    toc: "Sommaire",
    tracklist: "Liste des titres",
    ad: "Publicité",
    caption: "Une scène de {film}. Photo : distributeur",
    post_header: "{author} a écrit (message n°{n}) :",
    forum_more: "Plus de place, la suite dans mon prochain message.",
    sidebar: "La sélection de la rédaction",
    newsletter: "Recevez notre playlist chaque semaine. Inscription gratuite.",
    poll: "Lequel mettriez-vous en tête ?",
    my_top: "Mon top {n} perso, pour info :",
};

/// German.
pub const DE: Lang = Lang {
    code: "de",
    headlines: &[
        "Die {n} besten Soundtracks aller Zeiten",
        "{n} Filmmusiken, die man kennen muss",
        "Unsere Top {n} der Filmmusik",
    ],
    intros: &[
        "Die Auswahl fiel schwer. Übrig blieb, was alle Diskussionen überstanden hat.",
        "Gute Filmmusik erzählt die Geschichte mit, oft lauter als die Bilder.",
        "Hier sind unsere {n} Favoriten, von der Redaktion gewählt.",
    ],
    blurbs: &[
        "Die Musik, verantwortet von {composer}, ist nie bloß Hintergrund.",
        "Kaum eine Platte aus {year} klingt heute noch so frisch; das ist das Verdienst von {composer}.",
        "Der Film ist gut, aber in Erinnerung bleibt die Musik.",
        "Jedes Stück sitzt genau, und das Album funktioniert auch ohne Bilder.",
    ],
    song_lines: &[
        "Der Höhepunkt ist {song} von {artist}.",
        "Besonders hängen bleibt {song} von {artist}.",
        "{artist} singt {song}, und die Szene dazu vergisst man nicht.",
    ],
    song_lines_split: &[
        "{artist} prägt das ganze Album. Anfangen sollte man mit {song}.",
        "Mit {artist} hatte niemand gerechnet. {song} stiehlt trotzdem jede Szene.",
    ],
    song_lines_bare: &["An {song} erinnern sich fast alle.", "Das Album gipfelt in {song}."],
    cue_lines: &[
        "Das Stück {song} zeigt {composer} in Bestform.",
        "Am besten beginnt man mit {song}, wo {composer} dem Orchester Raum lässt.",
    ],
    quotes: &[("\u{201e}", "\u{201c}"), ("»", "«"), ("‹", "›")],
    hm_labels: &["Knapp verpasst", "Ehrenvolle Erwähnungen", "Außerdem hörenswert"],
    hm_runon: &[
        "Knapp verpasst haben es {list}.",
        "Ebenfalls großartig, aber ohne Platz: {list}.",
    ],
    hm_leadin: &["Diese Filme waren ganz nah dran:"],
    runner_up: "Nachrücker",
    and: "und",
    unranked_intros: &[
        "Die folgenden Soundtracks stehen in keiner bestimmten Reihenfolge.",
        "Das ist keine Rangliste: Die Filme sind ungeordnet aufgeführt.",
    ],
    not_positions_intros: &[
        "Die Liste ist alphabetisch sortiert; die Nummern sind keine Platzierungen.",
    ],
    rank_labels: &["Rang: {n}", "Platz {n}", "Nr. {n}"],
    columns: ["Platz", "Film", "Jahr", "Komponist", "Song", "Interpret"],
    from_film: "aus {film}",
    tie_word: "GLEICHSTAND",
    page_of: "Seite {i} von {n}",
    next_page: "Nächste Seite",
    continued: "Weiter geht es auf Seite {i} mit Platz {k}.",
    related: &["Das könnte Sie auch interessieren", "Meistgelesen", "Beliebt"],
    related_items: &[
        "{n} Horror-Scores, die Gänsehaut machen",
        "{n} Songs, die schwache Filme retten",
        "Die {n} unterschätztesten Komponisten",
    ],
    comments: "Kommentare",
    comment_texts: &[
        "Platz {n} ist viel zu niedrig.",
        "Wo bleibt {film}? Gehört in die Top {n}.",
        "Schöne Liste, aber die ersten beiden würde ich tauschen.",
    ],
    nav: &["Startseite", "Kino", "Musik", "Listen"],
    cookie: "Wir verwenden Cookies zur Reichweitenmessung. Alle akzeptieren oder anpassen.",
    byline: "Von {author}",
    toc: "Inhalt",
    tracklist: "Titelliste",
    ad: "Anzeige",
    caption: "Szene aus {film}. Foto: Verleih",
    post_header: "{author} schrieb (Beitrag #{n}):",
    forum_more: "Zu lang für einen Beitrag, der Rest folgt gleich.",
    sidebar: "Empfehlungen der Redaktion",
    newsletter: "Unsere Playlist jede Woche per E-Mail. Jetzt anmelden.",
    poll: "Welchen würden Sie auf Platz eins setzen?",
    my_top: "Meine eigenen Top {n}, nur so:",
};

/// Spanish.
pub const ES: Lang = Lang {
    code: "es",
    headlines: &[
        "Las {n} mejores bandas sonoras de la historia",
        "{n} bandas sonoras que hay que escuchar",
        "Nuestro top {n} de música de cine",
    ],
    intros: &[
        "Elegir no fue fácil. Esta es la selección que sobrevivió a las discusiones.",
        "Una buena banda sonora cuenta la historia a su manera.",
        "Estas son nuestras {n} favoritas, votadas por la redacción.",
    ],
    blurbs: &[
        "La música, firmada por {composer}, nunca se queda en segundo plano.",
        "Pocos discos de {year} suenan hoy tan vivos, y el mérito es de {composer}.",
        "La película está bien, pero lo que se recuerda es la música.",
        "Cada pieza está en su sitio y el disco se escucha de principio a fin.",
    ],
    song_lines: &[
        "Lo mejor es {song} de {artist}.",
        "Destaca {song}, interpretada por {artist}.",
        "{artist} canta {song} en la escena más recordada.",
    ],
    song_lines_split: &[
        "{artist} está por todo el disco. Empiece por {song}.",
        "Nadie esperaba a {artist} aquí. Sin embargo, {song} se roba la película.",
    ],
    song_lines_bare: &[
        "Todos recuerdan {song}.",
        "El disco alcanza su cima con {song}.",
    ],
    cue_lines: &[
        "La pieza {song} muestra a {composer} en plena forma.",
        "Empiece por {song}, donde {composer} deja respirar a la orquesta.",
    ],
    quotes: &[("«", "»"), ("\u{201c}", "\u{201d}")],
    hm_labels: &["Menciones", "Menciones especiales", "Se quedaron fuera"],
    hm_runon: &[
        "Menciones especiales para {list}, que estuvieron muy cerca.",
        "También nos encantan {list}, pero no cabían.",
    ],
    hm_leadin: &["Algunas se quedaron a las puertas:"],
    runner_up: "Finalista",
    and: "y",
    unranked_intros: &[
        "Las bandas sonoras aparecen sin ningún orden en particular.",
        "Esto no es un ranking: las películas no siguen ningún orden.",
    ],
    not_positions_intros: &["La lista va por orden alfabético; los números no indican posiciones."],
    rank_labels: &["Puesto: {n}", "N.º {n}", "Posición {n}"],
    columns: [
        "Puesto",
        "Película",
        "Año",
        "Compositor",
        "Canción",
        "Intérprete",
    ],
    from_film: "de {film}",
    tie_word: "EMPATE",
    page_of: "Página {i} de {n}",
    next_page: "Página siguiente",
    continued: "La lista sigue en la página {i} con el número {k}.",
    related: &["Te puede interesar", "Lo más leído", "Tendencias"],
    related_items: &[
        "{n} bandas sonoras de terror que dan miedo",
        "{n} canciones que salvaron una película",
        "Los {n} compositores olvidados por los Oscar",
    ],
    comments: "Comentarios",
    comment_texts: &[
        "El número {n} merece estar más arriba.",
        "¿Y {film}? Debería estar en el top {n}.",
        "Buena lista, aunque cambiaría las dos primeras.",
    ],
    nav: &["Inicio", "Cine", "Música", "Listas"],
    cookie: "Usamos cookies para medir la audiencia. Aceptar todas o configurar.",
    byline: "Por {author}",
    toc: "Índice",
    tracklist: "Lista de canciones",
    ad: "Publicidad",
    caption: "Una escena de {film}. Foto: distribuidora",
    post_header: "{author} escribió (mensaje #{n}):",
    forum_more: "No me cabe todo, sigo en el siguiente mensaje.",
    sidebar: "Recomendados",
    newsletter: "Recibe nuestra playlist cada semana. Suscríbete gratis.",
    poll: "¿Cuál pondrías en primer lugar?",
    my_top: "Mi propio top {n}, por si acaso:",
};

/// Italian.
pub const IT: Lang = Lang {
    code: "it",
    headlines: &[
        "Le {n} colonne sonore più belle di sempre",
        "{n} colonne sonore da ascoltare almeno una volta",
        "La nostra top {n} della musica da film",
    ],
    intros: &[
        "Scegliere è stato difficile. Ecco la selezione sopravvissuta alle discussioni.",
        "Una buona colonna sonora racconta la storia a modo suo.",
        "Ecco le nostre {n} preferite, votate dalla redazione.",
    ],
    blurbs: &[
        "La musica, firmata da {composer}, non resta mai sullo sfondo.",
        "Pochi dischi del {year} suonano ancora così vivi, merito di {composer}.",
        "Il film è buono, ma è la musica che resta in testa.",
        "Ogni brano è al posto giusto e il disco si ascolta tutto d'un fiato.",
    ],
    song_lines: &[
        "Il momento più alto è {song} di {artist}.",
        "Spicca {song}, cantata da {artist}.",
        "{artist} interpreta {song} nella scena più famosa.",
    ],
    song_lines_split: &[
        "{artist} domina tutto il disco. Cominciate da {song}.",
        "Nessuno si aspettava {artist}. Eppure {song} ruba la scena.",
    ],
    song_lines_bare: &[
        "Tutti ricordano {song}.",
        "Il disco tocca il vertice con {song}.",
    ],
    cue_lines: &[
        "Il brano {song} mostra {composer} al meglio.",
        "Iniziate da {song}, dove {composer} lascia respirare l'orchestra.",
    ],
    quotes: &[("\u{201c}", "\u{201d}"), ("«", "»")],
    hm_labels: &[
        "Menzioni d'onore",
        "Fuori per un soffio",
        "Da ascoltare anche",
    ],
    hm_runon: &[
        "Menzioni d'onore per {list}, rimasti appena fuori.",
        "Ci sono piaciuti anche {list}, ma mancava lo spazio.",
    ],
    hm_leadin: &["Alcuni titoli sono rimasti fuori per poco:"],
    runner_up: "Secondo classificato",
    and: "e",
    unranked_intros: &[
        "Le colonne sonore sono elencate senza un ordine particolare.",
        "Non è una classifica: i film sono in ordine sparso.",
    ],
    not_positions_intros: &["L'elenco è in ordine alfabetico: il numero non indica una posizione."],
    rank_labels: &["Posizione: {n}", "N. {n}", "Posto {n}"],
    columns: [
        "Posizione",
        "Film",
        "Anno",
        "Compositore",
        "Canzone",
        "Interprete",
    ],
    from_film: "da {film}",
    tie_word: "PARI MERITO",
    page_of: "Pagina {i} di {n}",
    next_page: "Pagina successiva",
    continued: "La classifica continua a pagina {i} dal numero {k}.",
    related: &["Leggi anche", "I più letti", "Di tendenza"],
    related_items: &[
        "{n} colonne sonore horror da brividi",
        "{n} canzoni che hanno salvato un film",
        "I {n} compositori dimenticati dagli Oscar",
    ],
    comments: "Commenti",
    comment_texts: &[
        "Il numero {n} merita di più.",
        "E {film}? Doveva stare nella top {n}.",
        "Bella lista, ma avrei invertito i primi due.",
    ],
    nav: &["Home", "Cinema", "Musica", "Classifiche"],
    cookie: "Questo sito usa cookie per misurare il traffico. Accetta tutti o personalizza.",
    byline: "Di {author}",
    toc: "Indice",
    tracklist: "Tracce",
    ad: "Pubblicità",
    caption: "Una scena di {film}. Foto: ufficio stampa",
    post_header: "{author} ha scritto (messaggio #{n}):",
    forum_more: "Non ci sta tutto, continuo nel prossimo messaggio.",
    sidebar: "Scelti dalla redazione",
    newsletter: "Ricevi la nostra playlist ogni settimana. Iscriviti.",
    poll: "Quale mettereste al primo posto?",
    my_top: "La mia top {n}, per la cronaca:",
};

/// Portuguese.
pub const PT: Lang = Lang {
    code: "pt",
    headlines: &[
        "As {n} melhores trilhas sonoras do cinema",
        "{n} trilhas sonoras para ouvir antes de morrer",
        "Nosso top {n} de música de cinema",
    ],
    intros: &[
        "Escolher foi difícil. Esta é a seleção que sobreviveu às discussões.",
        "Uma boa trilha sonora conta a história do seu próprio jeito.",
        "Estas são as nossas {n} preferidas, votadas pela redação.",
    ],
    blurbs: &[
        "A música, assinada por {composer}, nunca fica em segundo plano.",
        "Poucos discos de {year} soam tão vivos hoje, graças a {composer}.",
        "O filme é bom, mas o que fica na memória é a música.",
        "Cada faixa está no lugar certo e o disco funciona sozinho.",
    ],
    song_lines: &[
        "O ponto alto é {song}, de {artist}.",
        "Destaque para {song}, na voz de {artist}.",
        "{artist} canta {song} na cena mais lembrada.",
    ],
    song_lines_split: &[
        "{artist} está no disco inteiro. Comece por {song}.",
        "Ninguém esperava {artist} aqui. Mesmo assim, {song} rouba o filme.",
    ],
    song_lines_bare: &[
        "Todo mundo lembra de {song}.",
        "O disco atinge o auge com {song}.",
    ],
    cue_lines: &[
        "A faixa {song} mostra {composer} em grande forma.",
        "Comece por {song}, em que {composer} deixa a orquestra respirar.",
    ],
    quotes: &[("\u{201c}", "\u{201d}"), ("\"", "\"")],
    hm_labels: &["Menções honrosas", "Quase entraram", "Vale ouvir também"],
    hm_runon: &[
        "Menções honrosas para {list}, que ficaram por pouco.",
        "Também adoramos {list}, mas faltou espaço.",
    ],
    hm_leadin: &["Alguns ficaram de fora por muito pouco:"],
    runner_up: "Vice",
    and: "e",
    unranked_intros: &[
        "As trilhas abaixo não seguem nenhuma ordem em particular.",
        "Isto não é um ranking: os filmes estão em ordem aleatória.",
    ],
    not_positions_intros: &["A lista está em ordem alfabética; os números não são posições."],
    rank_labels: &["Posição: {n}", "Nº {n}", "Lugar {n}"],
    columns: [
        "Posição",
        "Filme",
        "Ano",
        "Compositor",
        "Canção",
        "Intérprete",
    ],
    from_film: "de {film}",
    tie_word: "EMPATE",
    page_of: "Página {i} de {n}",
    next_page: "Próxima página",
    continued: "A lista continua na página {i} com o número {k}.",
    related: &["Leia também", "Mais lidas", "Em alta"],
    related_items: &[
        "{n} trilhas de terror de arrepiar",
        "{n} canções que salvaram um filme",
        "Os {n} compositores esquecidos pelo Oscar",
    ],
    comments: "Comentários",
    comment_texts: &[
        "O número {n} merecia estar mais alto.",
        "Cadê {film}? Tinha que estar no top {n}.",
        "Boa lista, mas eu trocaria os dois primeiros.",
    ],
    nav: &["Início", "Cinema", "Música", "Listas"],
    cookie: "Usamos cookies para medir a audiência. Aceitar todos ou configurar.",
    byline: "Por {author}",
    toc: "Sumário",
    tracklist: "Faixas",
    ad: "Publicidade",
    caption: "Cena de {film}. Foto: divulgação",
    post_header: "{author} escreveu (post #{n}):",
    forum_more: "Não coube tudo, continuo no próximo post.",
    sidebar: "Escolhas da redação",
    newsletter: "Receba nossa playlist toda semana. Cadastre-se.",
    poll: "Qual você colocaria em primeiro?",
    my_top: "Meu top {n}, só para constar:",
};

/// Japanese.
pub const JA: Lang = Lang {
    code: "ja",
    headlines: &[
        "映画サウンドトラック名盤ベスト{n}",
        "一度は聴きたい映画音楽{n}選",
        "編集部が選ぶサントラランキングTOP{n}",
    ],
    intros: &[
        "選ぶのは本当に大変でした。議論を重ねて残ったのが以下の作品です。",
        "良いサウンドトラックは、映像とは別の形で物語を語ります。",
        "編集部の投票で決まった{n}作品を紹介します。",
    ],
    blurbs: &[
        "{composer}が手がけた音楽は決して背景に埋もれません。",
        "{year}年の作品とは思えないほど新鮮に響くのは{composer}の力です。",
        "映画も良いのですが、記憶に残るのは音楽のほうです。",
        "どの曲も的確に配置され、アルバム単体でも楽しめます。",
    ],
    song_lines: &[
        "白眉は{artist}の{song}です。",
        "{artist}が歌う{song}は忘れられません。",
        "特に{artist}による{song}が印象的です。",
    ],
    song_lines_split: &[
        "アルバム全体を支えているのは{artist}です。まずは{song}から聴いてください。",
        "{artist}の起用は意外でした。しかし{song}が映画をさらっていきます。",
    ],
    song_lines_bare: &[
        "誰もが覚えているのは{song}でしょう。",
        "アルバムの頂点は{song}です。",
    ],
    cue_lines: &[
        "{composer}の実力がよく分かるのが{song}です。",
        "まずは{song}から。{composer}がオーケストラを存分に鳴らします。",
    ],
    quotes: &[("「", "」")],
    hm_labels: &["次点", "選外佳作", "こちらもおすすめ"],
    hm_runon: &[
        "惜しくも選外となったのは{list}です。",
        "{list}も最後まで候補に残りました。",
    ],
    hm_leadin: &["惜しくも選外になった作品は以下の通りです。"],
    runner_up: "次点",
    and: "、",
    unranked_intros: &[
        "以下の作品は順不同で紹介しています。",
        "これはランキングではありません。掲載順に意味はありません。",
    ],
    not_positions_intros: &["リストは五十音順で、番号は順位ではありません。"],
    rank_labels: &["第{n}位", "{n}位", "順位：{n}"],
    columns: ["順位", "映画タイトル", "公開年", "作曲", "曲名", "歌手"],
    from_film: "（{film}より）",
    tie_word: "同率",
    page_of: "{i}/{n}ページ",
    next_page: "次のページ",
    continued: "続きは{i}ページ目、第{k}位からです。",
    related: &["関連記事", "人気記事", "注目の記事"],
    related_items: &[
        "背筋が凍るホラー映画音楽{n}選",
        "映画を救った名曲{n}選",
        "アカデミー賞を逃した作曲家{n}人",
    ],
    comments: "コメント",
    comment_texts: &[
        "{n}位はもっと上でもいいと思います。",
        "{film}が入っていないのは意外です。トップ{n}に入るべき。",
        "良いリストですが、上位二つは逆だと思います。",
    ],
    nav: &["ホーム", "映画", "音楽", "ランキング"],
    cookie: "当サイトはアクセス解析のためにクッキーを使用しています。同意する／設定する",
    byline: "文：{author}",
    toc: "目次",
    tracklist: "収録曲",
    ad: "広告",
    caption: "{film}の一場面。写真提供：配給会社",
    post_header: "{author}の投稿（#{n}）：",
    forum_more: "長くなったので続きは次の投稿で。",
    sidebar: "編集部のおすすめ",
    newsletter: "毎週のプレイリストをメールでお届けします。",
    poll: "あなたの1位はどれ？",
    my_top: "ちなみに私のトップ{n}は：",
};

/// Invented author names for bylines and forum posts.
pub const AUTHORS: &[&str] = &[
    "Maren Holt",
    "Tobias Quill",
    "Inès Varga",
    "Dario Pellegrini",
    "Sofía Albar",
    "Keiko Amano",
    "Joaquim Serra",
    "Lena Brandt",
    "reelhead77",
    "vinylwolf",
];

/// Fills `{key}` placeholders.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in pairs {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_table() {
        for l in LANGS {
            assert!(!l.headlines.is_empty() && !l.intros.is_empty() && !l.blurbs.is_empty());
            assert!(!l.song_lines.is_empty() && !l.quotes.is_empty() && !l.hm_labels.is_empty());
            assert!(l.hm_runon.iter().all(|s| s.contains("{list}")));
            assert!(l
                .song_lines
                .iter()
                .all(|s| s.contains("{song}") && s.contains("{artist}")));
            assert!(l.rank_labels.iter().all(|s| s.contains("{n}")));
            assert!(l.from_film.contains("{film}"));
        }
    }
}
