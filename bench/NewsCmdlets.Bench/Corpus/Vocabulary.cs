namespace NewsCmdlets.Bench.Corpus;

/// <summary>
/// Invented names for the generated corpus: places, people, organisations and outlets are built from syllables and
/// word lists so none of them is a real article, outlet or person (any resemblance is chance).
/// </summary>
public static class Vocabulary
{
    public static readonly string[] PlaceHeads =
    {
        "West", "Ash", "Brook", "Carr", "Dun", "Elm", "Fair", "Glen", "Hol", "Kil", "Lang", "Mar", "Nor", "Oak", "Pen",
        "Red", "Sal", "Thorn", "Wex", "Bal", "Cray", "Dor", "Ferr", "Gar", "Hart", "Ives", "Lor", "Mel", "Ost", "Quen",
        "Rav", "Stell", "Tarr", "Ul", "Vey", "Wend", "Yarr", "Zel", "Bram", "Cal",
    };

    public static readonly string[] PlaceTails =
    {
        "mere", "ford", "ton", "bridge", "wick", "by", "haven", "field", "port", "stead", "cliff", "moor", "dale",
        "mouth", "ham", "worth", "holm", "gate", "ness", "brook",
    };

    public static readonly string[] Regions =
    {
        "the Northern Marches", "Carrowshire", "the Vell Coast", "Upper Astria", "the Lowen Valley", "East Pemberland",
        "the Isles of Tarn", "South Ostmark", "the Greymoor Uplands", "Westmark", "the Sarin Delta", "Havelland",
    };

    public static readonly string[] FirstNames =
    {
        "Maren", "Tomas", "Edith", "Lena", "Priya", "Jonah", "Amara", "Felix", "Ines", "Oskar", "Talia", "Rafael",
        "Noor", "Henrik", "Sade", "Mateo", "Yuna", "Declan", "Irena", "Kwame", "Lucia", "Anders", "Farah", "Callum",
        "Mireille", "Bastian", "Keiko", "Dario", "Signe", "Omar", "Hallie", "Teodor", "Amina", "Rowan", "Elif", "Joaquin",
        "Wren", "Nikolai", "Zara", "Emeka", "Solveig", "Ravi", "Ottilie", "Cormac", "Leila", "Ansel", "Marisol", "Idris",
        "Greta", "Benedikt", "Ayla", "Ciaran", "Odette", "Hamid", "Liesel", "Tobias", "Nadia", "Evander", "Rosalind", "Kai",
    };

    public static readonly string[] SurnameHeads =
    {
        "Al", "Bren", "Cas", "Dal", "Ever", "Fen", "Gor", "Hask", "Ire", "Jar", "Kess", "Lund", "Mor", "Nam", "Os",
        "Pell", "Quar", "Reyn", "Sor", "Tev", "Ul", "Vard", "Wyn", "Yor", "Zan", "Ashe", "Bel", "Cor", "Dren", "Eld",
    };

    public static readonly string[] SurnameTails =
    {
        "cott", "ara", "ine", "ley", "sen", "worth", "ova", "ani", "ek", "ford", "ric", "ado", "ström", "ell", "ski",
        "ier", "oy", "ande", "eri", "ton", "wick", "aine", "uru", "by",
    };

    public static readonly string[] OrgHeads = { "Brightwater", "Northgate", "Silverline", "Ironbridge", "Kestrel", "Halcyon", "Meridian", "Bluecrest", "Tidewell", "Stonefield", "Amberly", "Larkspur", "Copperhill", "Redfern", "Greyhaven", "Whitlock", "Orrin", "Vantor", "Calder", "Emberly" };
    public static readonly string[] OrgTails = { "Lines", "Holdings", "Energy", "Logistics", "Foods", "Health Trust", "Mining", "Systems", "Water", "Rail", "Bank", "Pharmaceuticals", "Telecom", "Airways", "Steel", "Insurance" };
    public static readonly string[] Bodies = { "Regional Council", "Port Authority", "Transport Board", "Health Board", "Water Authority", "Planning Commission", "Police Service", "Fire and Rescue Service", "University", "Chamber of Commerce" };
    public static readonly string[] Unions = { "Maritime Workers' Guild", "United Rail Union", "Teachers' Federation", "Nurses' Association", "Dock and Harbour Union", "Farmers' Alliance", "Civil Service League", "Drivers' Guild" };
    public static readonly string[] Parties = { "Unity Party", "Reform League", "Green Coalition", "People's Movement", "Liberal Alliance", "Coastal Party" };

    public static readonly string[] Weekdays = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
    public static readonly string[] Months = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };
    public static readonly string[] NumberWords = { "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve" };

    /// <summary>Wire agencies: name, short form used in datelines and credits.</summary>
    public static readonly (string Name, string Short)[] Agencies =
    {
        ("Meridian News Agency", "MNA"), ("Northwind Newswire", "NWN"), ("Continental Press Agency", "CPA"),
        ("Allied News Service", "ANS"), ("Harbourline Newswire", "HLN"), ("Orient Coast News Agency", "OCNA"),
    };

    /// <summary>Papers and sites; the four from samples/ first.</summary>
    public static readonly string[] Papers =
    {
        "The Harbour Courier", "Lakeside Daily", "The Metro Ledger", "Valley Evening Post", "The Westmere Gazette",
        "Carrow Island Chronicle", "The Northern Clarion", "Ashford Herald", "Pemberland Times-Mirror", "The Daily Lantern",
        "Greymoor Observer", "The Coastal Record", "Stellbridge Evening News", "The Lowen Valley Sentinel", "Ostmark Post",
        "The Astrian Voice", "Fairhaven Weekly", "Tarn Islands Bulletin", "The Capital Dispatch", "Redcliff Argus",
        "Dunmouth Mercury", "The Sarin Delta Star", "Holmgate Examiner", "The Quill", "Morning Beacon",
        "The Evening Standard-Bearer", "Kilmoor Journal", "Havelland Tribune", "Ravenness Daily", "The Open Ledger",
        "Southern Courier", "Brampton Post-Review", "The Lantern Online", "Vell Coast News", "Wendham Enquirer",
        "The Civic Desk", "Yarrow Bay Times", "Citywire Now", "The Weekend Review", "Cal Valley Reporter",
    };
}
