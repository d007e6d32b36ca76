namespace NewsCmdlets.Engine.Coverage;

/// <summary>What kind of value a claim states: only values of one dimension are compared.</summary>
internal enum Dimension
{
    Count,
    /// <summary>Lengths and distances, compared in kilometres.</summary>
    Length,
    Magnitude,
    Percent,
    Money,
    Age,
    Floors,
    Duration,
    Date,
    /// <summary>A time of day, in minutes after midnight, compared only in the same time zone.</summary>
    Time,
}

/// <summary>
/// A kind of measurement news reports state as a number: a death toll, a depth, an age, jobs cut. <see cref="Display"/>
/// is how a reader would name it; <see cref="Evolving"/> measures change as a story develops (tolls, evacuations, seat
/// counts, share prices), so different figures at different times are updates, not contradictions.
/// </summary>
internal sealed record ClaimMeasure(string Id, string Display, bool Evolving, Dimension Dimension)
{
    /// <summary>A measure named by the counted noun itself ("buildings", "aftershocks"): compared only when the contexts agree too.</summary>
    public bool Generic { get; init; }

    /// <summary>Figures for different places are different subjects (a toll in one country and in another); false for measures of the event itself (its magnitude, its date).</summary>
    public bool Placed { get; init; } = true;

    /// <summary>An aftershock's figure is not the earthquake's: true for measures of the event itself.</summary>
    public bool OfEvent { get; init; }

    /// <summary>Figures of different organisations or groups are different subjects ("Labour won 412 seats", "the Conservatives 121").</summary>
    public bool Owned { get; init; }
}

/// <summary>
/// The general vocabulary of news measurements (no names of events, outlets or people): which words say what a figure
/// measures. Lower-case single words unless stated.
/// </summary>
internal static class MeasureLexicon
{
    public static readonly ClaimMeasure Deaths = new("deaths", "death toll", true, Dimension.Count);
    public static readonly ClaimMeasure Injured = new("injured", "people injured", true, Dimension.Count);
    public static readonly ClaimMeasure Missing = new("missing", "people missing", true, Dimension.Count);
    public static readonly ClaimMeasure Trapped = new("trapped", "people trapped", true, Dimension.Count);
    public static readonly ClaimMeasure Rescued = new("rescued", "people rescued", true, Dimension.Count);
    public static readonly ClaimMeasure Evacuated = new("evacuated", "people evacuated", true, Dimension.Count);
    public static readonly ClaimMeasure Displaced = new("displaced", "people displaced", true, Dimension.Count);
    public static readonly ClaimMeasure Arrested = new("arrested", "people arrested", true, Dimension.Count);
    public static readonly ClaimMeasure Survivors = new("survivors", "survivors", true, Dimension.Count);
    public static readonly ClaimMeasure Arrivals = new("arrivals", "people who arrived", false, Dimension.Count);
    public static readonly ClaimMeasure Magnitude = new("magnitude", "magnitude", false, Dimension.Magnitude) { Placed = false, OfEvent = true };
    public static readonly ClaimMeasure Depth = new("depth", "depth", false, Dimension.Length) { Placed = false, OfEvent = true };
    public static readonly ClaimMeasure Distance = new("distance", "distance", false, Dimension.Length) { Placed = false, OfEvent = true };
    public static readonly ClaimMeasure Offshore = new("offshore", "distance off the coast", false, Dimension.Length) { Placed = false, OfEvent = true };
    public static readonly ClaimMeasure Height = new("height", "height", false, Dimension.Length);
    public static readonly ClaimMeasure Length = new("length", "length", false, Dimension.Length) { Placed = false };
    public static readonly ClaimMeasure Age = new("age", "age", false, Dimension.Age) { Placed = false };
    public static readonly ClaimMeasure Floors = new("floors", "storeys", false, Dimension.Floors) { Placed = false };
    public static readonly ClaimMeasure Population = new("population", "population", false, Dimension.Count);
    public static readonly ClaimMeasure JobsCut = new("jobs-cut", "jobs cut", false, Dimension.Count) { Placed = false, Owned = true };
    public static readonly ClaimMeasure Workforce = new("workforce", "size of the workforce", false, Dimension.Count) { Placed = false, Owned = true };
    public static readonly ClaimMeasure WorkforceShare = new("workforce-share", "share of the workforce", false, Dimension.Percent) { Placed = false, Owned = true };
    public static readonly ClaimMeasure VoteShare = new("vote-share", "share of the vote", true, Dimension.Percent) { Owned = true };
    public static readonly ClaimMeasure SharePrice = new("share-price", "change in the share price", true, Dimension.Percent) { Placed = false, Owned = true };
    /// <summary>What a share trades at ("fell 20% to $29.05"): it moves through the day, so a different price later is an update.</summary>
    public static readonly ClaimMeasure SharePriceLevel = new("share-price-level", "share price", true, Dimension.Money) { Placed = false, Owned = true };
    public static readonly ClaimMeasure Turnout = new("turnout", "turnout", true, Dimension.Percent);
    public static readonly ClaimMeasure Seats = new("seats", "seats", true, Dimension.Count) { Owned = true };
    public static readonly ClaimMeasure Votes = new("votes", "votes", true, Dimension.Count) { Owned = true };
    public static readonly ClaimMeasure Majority = new("majority", "majority", true, Dimension.Count) { Owned = true };
    public static readonly ClaimMeasure Passengers = new("passengers", "passengers", false, Dimension.Count) { Owned = true };
    public static readonly ClaimMeasure Crew = new("crew", "crew", false, Dimension.Count) { Owned = true };
    public static readonly ClaimMeasure OnBoard = new("on-board", "people on board", false, Dimension.Count) { Owned = true };
    public static readonly ClaimMeasure AnalystEstimate = new("analyst-estimate", "analysts' estimate", false, Dimension.Money) { Placed = false };
    public static readonly ClaimMeasure Damaged = new("damaged", "buildings damaged", true, Dimension.Count);

    /// <summary>Every named measure, for readers of keys (the words a key may use besides the articles' own).</summary>
    public static readonly ClaimMeasure[] All =
    {
        Deaths, Injured, Missing, Trapped, Rescued, Evacuated, Displaced, Arrested, Survivors, Arrivals, Magnitude, Depth, Distance, Offshore,
        Height, Length, Age, Floors, Population, JobsCut, Workforce, WorkforceShare, VoteShare, SharePrice, SharePriceLevel, Turnout, Seats, Votes,
        Passengers, Crew, OnBoard, AnalystEstimate, Damaged, Majority,
    };

    /// <summary>Words after (or around) a count of people that say what happened to them: "57 people confirmed dead".</summary>
    public static readonly Dictionary<string, ClaimMeasure> Predicates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["killed"] = Deaths, ["dead"] = Deaths, ["died"] = Deaths, ["perished"] = Deaths, ["deaths"] = Deaths, ["death"] = Deaths,
        ["fatalities"] = Deaths, ["fatality"] = Deaths, ["lives"] = Deaths, ["bodies"] = Deaths, ["toll"] = Deaths, ["deceased"] = Deaths, ["victims"] = Deaths,
        ["injured"] = Injured, ["injuries"] = Injured, ["wounded"] = Injured, ["hurt"] = Injured, ["hospitalised"] = Injured,
        ["hospitalized"] = Injured, ["injuring"] = Injured, ["wounding"] = Injured,
        ["missing"] = Missing, ["unaccounted"] = Missing,
        ["trapped"] = Trapped,
        ["rescued"] = Rescued,
        ["evacuated"] = Evacuated, ["evacuate"] = Evacuated, ["evacuation"] = Evacuated, ["evacuations"] = Evacuated,
        ["displaced"] = Displaced, ["homeless"] = Displaced,
        ["arrested"] = Arrested, ["detained"] = Arrested, ["arrests"] = Arrested,
        ["survivors"] = Survivors, ["survived"] = Survivors, ["survivor"] = Survivors, ["alive"] = Survivors,
        ["arrived"] = Arrivals, ["reached"] = Arrivals, ["entered"] = Arrivals, ["crossed"] = Arrivals, ["fled"] = Arrivals, ["defected"] = Arrivals,
    };

    /// <summary>Verbs before a count of people that say what happened to them: "killing 2,500 people".</summary>
    public static readonly Dictionary<string, ClaimMeasure> VerbsBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        ["killing"] = Deaths, ["killed"] = Deaths, ["kills"] = Deaths, ["kill"] = Deaths, ["claimed"] = Deaths, ["claiming"] = Deaths,
        ["injuring"] = Injured, ["injured"] = Injured, ["wounding"] = Injured, ["wounded"] = Injured,
        ["evacuating"] = Evacuated, ["evacuated"] = Evacuated, ["rescuing"] = Rescued, ["rescued"] = Rescued,
        ["arresting"] = Arrested, ["arrested"] = Arrested, ["detained"] = Arrested,
        ["displacing"] = Displaced, ["displaced"] = Displaced, ["lives"] = Deaths,
    };

    /// <summary>Nouns that count people without saying what happened to them: the predicate decides.</summary>
    public static readonly HashSet<string> GenericPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "person", "individuals", "others", "more", "residents", "civilians", "inhabitants", "citizens",
    };

    /// <summary>Nouns for jobs and the people who hold them.</summary>
    public static readonly HashSet<string> JobNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "jobs", "job", "positions", "roles", "posts", "employees", "workers", "staff", "staffers", "people", "layoffs", "redundancies", "headcount",
    };

    /// <summary>Verbs and nouns of cutting jobs.</summary>
    /// <summary>"save $3 billion in costs": the sum is what is saved.</summary>
    public static readonly HashSet<string> SaveWords = new(StringComparer.OrdinalIgnoreCase) { "save", "saves", "saving", "saved" };

    public static readonly HashSet<string> CutWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "cut", "cuts", "cutting", "slash", "slashes", "slashing", "slashed", "eliminate", "eliminates", "eliminating", "eliminated",
        "axe", "axes", "axing", "axed", "shed", "sheds", "shedding", "lay", "laying", "laid", "layoffs", "layoff", "reduce", "reduces",
        "reducing", "trim", "trims", "trimming", "lose", "losing", "redundancies", "reduction",
    };

    /// <summary>Verbs of dismissing people, before a count of employees: "fired N employees", "sacks N staff".</summary>
    public static readonly HashSet<string> DismissWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "fire", "fires", "fired", "firing", "sack", "sacks", "sacked", "sacking", "dismiss", "dismisses", "dismissed", "dismissing",
    };

    /// <summary>Nouns for the whole of a company's staff.</summary>
    public static readonly HashSet<string> WorkforceNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "workforce", "employees", "staff", "headcount", "employs", "employing", "workers",
    };

    /// <summary>Nouns a figure is given for in "NOUN of/at/to/was N" ("death toll of 57", "population of 1.5 million").</summary>
    public static readonly Dictionary<string, ClaimMeasure> NounsBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        ["toll"] = Deaths, ["depth"] = Depth, ["magnitude"] = Magnitude, ["population"] = Population, ["turnout"] = Turnout,
        ["workforce"] = Workforce, ["headcount"] = Workforce, ["majority"] = Majority, ["deaths"] = Deaths, ["fatalities"] = Deaths,
    };

    /// <summary>Counted nouns that are measures of their own.</summary>
    public static readonly Dictionary<string, ClaimMeasure> CountedNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deaths"] = Deaths, ["fatalities"] = Deaths, ["dead"] = Deaths, ["lives"] = Deaths, ["bodies"] = Deaths,
        ["injuries"] = Injured, ["injured"] = Injured, ["wounded"] = Injured, ["casualties"] = Deaths,
        ["missing"] = Missing, ["survivors"] = Survivors, ["evacuees"] = Evacuated, ["arrests"] = Arrested,
        ["seats"] = Seats, ["votes"] = Votes, ["ballots"] = Votes, ["passengers"] = Passengers, ["crew"] = Crew,
        ["layoffs"] = JobsCut, ["redundancies"] = JobsCut,
    };

    /// <summary>Words near a length that say which length it is.</summary>
    public static readonly Dictionary<string, ClaimMeasure> LengthCues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deep"] = Depth, ["depth"] = Depth, ["depths"] = Depth,
        ["high"] = Height, ["height"] = Height, ["tall"] = Height, ["waves"] = Height, ["wave"] = Height, ["tsunami"] = Height, ["surge"] = Height,
        ["long"] = Length, ["length"] = Length, ["altitude"] = Height,
        ["offshore"] = Offshore, ["coast"] = Offshore, ["coastline"] = Offshore,
    };

    /// <summary>Compass directions: "18 km south-southwest of Hualien" is a distance from a place.</summary>
    public static bool IsDirection(string w)
    {
        w = w.ToLowerInvariant();
        if (w is "north" or "south" or "east" or "west" or "northeast" or "northwest" or "southeast" or "southwest" or "nnw" or "nne" or "ssw" or "sse"
            or "ene" or "ese" or "wnw" or "wsw" or "ne" or "nw" or "se" or "sw" or "northeastern" or "northwestern" or "southeastern" or "southwestern"
            or "northern" or "southern" or "eastern" or "western") return true;
        foreach (var part in w.Split('-'))
            if (part is not ("north" or "south" or "east" or "west" or "northeast" or "northwest" or "southeast" or "southwest")) return false;
        return w.Contains('-');
    }

    /// <summary>Words near a sum of money that say what it is ("revenue of $12.8 billion", "a loss of $1.6 billion").</summary>
    public static readonly HashSet<string> MoneyNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "revenue", "revenues", "sales", "profit", "profits", "loss", "losses", "earnings", "income", "savings", "costs", "cost",
        "spending", "budget", "fine", "fines", "deal", "price", "valuation", "dividend", "dividends", "pay", "salary", "compensation",
        "funding", "loan", "loans", "grant", "grants", "investment", "aid", "debt", "bonus", "damages", "ransom", "bail", "wage",
        "wages", "bill", "tariffs", "tax", "taxes", "capex", "expenses", "package", "fund", "bid", "offer", "award",
    };

    /// <summary>Words before a money noun that make it a statistic of the sum: "median pay", "annual revenue".</summary>
    public static readonly HashSet<string> MoneyStatistics = new(StringComparer.OrdinalIgnoreCase)
    {
        "median", "average", "mean", "annual", "yearly", "quarterly", "monthly", "weekly", "daily", "net", "gross", "minimum", "maximum", "starting",
    };

    /// <summary>Words that make a sum of money an analysts' figure.</summary>
    public static readonly HashSet<string> AnalystWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "analysts", "analyst", "consensus", "expectations", "estimates", "estimate", "projected",
    };

    /// <summary>Verbs of a share price moving.</summary>
    public static readonly HashSet<string> PriceMoves = new(StringComparer.OrdinalIgnoreCase)
    {
        "fell", "fall", "falls", "falling", "dropped", "drop", "drops", "slumped", "slump", "plunged", "plunge", "plummeted", "tumbled",
        "sank", "sink", "slid", "slide", "lost", "down", "rose", "rise", "rises", "rising", "jumped", "jump", "gained", "gain", "surged",
        "soared", "climbed", "up", "sent", "tanked", "dived",
    };

    public static readonly HashSet<string> ShareNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "shares", "stock", "stocks", "share", "price",
    };

    /// <summary>Words before a figure that say it is a forecast or a fear, not a count: "could reach over 10,000".</summary>
    public static readonly HashSet<string> ForecastWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "could", "may", "might", "expected", "expects", "expect", "projected", "projects", "predicted", "predicts", "forecast",
        "forecasts", "forecasting", "feared", "fears", "fear", "likely", "potential", "possible", "possibly", "estimates", "anticipated",
        "anticipating", "anticipate", "warned", "predictions", "projection", "modeling", "modelling",
    };

    /// <summary>Words that mark a figure as the latest of a series: "has risen to", "so far", "now".</summary>
    public static readonly HashSet<string> EvolvingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "risen", "rose", "rises", "rising", "climbed", "climbs", "climbing", "surged", "surges", "soared", "soars", "jumped",
        "increased", "grew", "mounted", "mounting", "reached", "updated", "latest", "preliminary", "initially", "initial", "provisional",
        "now", "far", "tally", "count", "counted", "revised", "stood",
    };

    /// <summary>Words saying a figure belongs to a lesser event than the story's: an aftershock, a foreshock.</summary>
    public static readonly HashSet<string> LesserEvents = new(StringComparer.OrdinalIgnoreCase)
    {
        "aftershock", "aftershocks", "foreshock", "foreshocks", "tremors",
    };

    /// <summary>Words saying the story's main event, which end a lesser event's scope ("the initial quake's magnitude").</summary>
    public static readonly HashSet<string> MainEventWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "initial", "main", "original", "principal", "mainshock", "first",
    };

    /// <summary>Nouns for the events news reports date ("the Friday tremor", "the vote on April 28").</summary>
    public static readonly HashSet<string> EventNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "earthquake", "quake", "tremor", "temblor", "crash", "collision", "accident", "election", "elections", "vote", "referendum",
        "attack", "attacks", "explosion", "blast", "fire", "blaze", "flood", "floods", "storm", "hurricane", "typhoon", "cyclone",
        "eruption", "shooting", "strike", "strikes", "protest", "protests", "disaster", "landslide", "derailment",
        "collapse", "announcement", "memo", "layoffs", "cuts", "match", "game", "final", "summit", "ceremony", "incident", "raid",
        "bombing", "stabbing", "murder", "killing", "coup", "poll", "polls",
    };

    /// <summary>Words of a flight's departure: "took off at 1:39 pm".</summary>
    public static readonly HashSet<string> TakeOffWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "takeoff", "take-off", "departed", "departure", "departing", "left", "off",
    };

    /// <summary>Verbs that say an event happened ("struck on Friday", "crashed on Sunday").</summary>
    public static readonly HashSet<string> HappenedVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "struck", "hit", "hits", "occurred", "happened", "crashed", "erupted", "exploded", "collapsed", "jolted", "rocked", "shook",
    };

    /// <summary>Nouns of one kind of event, so "the quake" and "the earthquake", "the vote" and "the election" date the same thing.</summary>
    private static readonly string[][] EventFamilies =
    {
        new[] { "earthquake", "quake", "tremor", "temblor" },
        new[] { "election", "elections", "vote", "poll", "polls", "ballot", "referendum" },
        new[] { "crash", "accident", "collision", "disaster", "derailment" },
        new[] { "attack", "bombing", "blast", "explosion", "shooting", "stabbing" },
        new[] { "fire", "blaze", "wildfire" },
        new[] { "flood", "floods", "flooding" },
        new[] { "storm", "hurricane", "typhoon", "cyclone" },
        new[] { "layoffs", "cuts", "announcement", "memo" },
        new[] { "match", "game", "final" },
    };

    /// <summary>True when <paramref name="word"/> names the same kind of event as <paramref name="eventNoun"/>.</summary>
    public static bool SameEvent(string word, string eventNoun)
    {
        if (word == eventNoun) return true;
        foreach (var f in EventFamilies)
            if (Array.IndexOf(f, eventNoun) >= 0) return Array.IndexOf(f, word) >= 0;
        return false;
    }

}
