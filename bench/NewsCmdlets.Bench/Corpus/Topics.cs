namespace NewsCmdlets.Bench.Corpus;

/// <summary>
/// Story templates. Slots: {city} {region} {weekday} {date} {year} {prevyear} {org} {body} {union} {party}
/// {p1}..{p4} (full name), {p1l}..{p4l} (surname), {p1r}..{p4r} (role), {n1} {n2} {n3} (counts), {pct1} {pct2},
/// {money} {money2}, {days} {hours}, {place2}.
/// </summary>
public sealed class Topic
{
    public required string Name;
    public required string[] Roles;         // roles of p1..p4
    public required string[] Headlines;
    public required string[] Standfirsts;
    public required string[] Leads;
    public required string[] Facts;
    public required string[] Quotes;        // quote text; speaker chosen per use
    public required string[] Background;

    public static readonly Topic[] All =
    {
        new()
        {
            Name = "strike",
            Roles = new[] { "the union's representative", "chief executive of {org}", "leader of the {city} {body}", "a commuter from {place2}" },
            Headlines = new[] { "{city} {org} crews walk out, stranding {n1} commuters", "Strike halts {org} services in {city}", "{union} strike leaves {city} without transport", "Talks collapse as {org} workers strike over pay", "{n1} stranded as {city} strike enters day {days}" },
            Standfirsts = new[] { "The {union} wants a {pct1} rise; {org} says it can afford {pct2}.", "Services across {region} were cancelled on {weekday}." },
            Leads = new[] { "Workers at {org} in {city} walked off the job on {weekday}, leaving about {n1} commuters stranded, the company said.", "A strike by the {union} halted all {org} services in {city} on {weekday}, the first stoppage on the network since {prevyear}." },
            Facts = new[] { "The strike began at 6 a.m., when the first service of the day failed to leave. {org} said all {n2} scheduled services were cancelled.", "The {union} is seeking a {pct1} pay rise over two years. {org} has offered {pct2}, which it says is the most it can afford after costs rose last year.", "{p3}, leader of the {city} {body}, said the council would pay for replacement buses on {weekday}.", "About {n1} people use the route each day, according to figures published by the {body} in {prevyear}.", "Talks between the union and the company are due to resume on {weekday}, a spokesperson for {org} said.", "The last strike on the route, in {prevyear}, lasted {days} days and ended with a {pct2} deal.", "Businesses in {city} reported a fall in customers of about {pct1} on the first day of the walkout.", "{org} said it had lost about {money} in fares since the dispute began." },
            Quotes = new[] { "We have been patient for {days} months, and nobody listens until the trains stop", "We have made a fair offer and we urge the union to return to talks", "Nobody should be cut off from a hospital because of a pay dispute", "I have no way to get to work, and nobody can tell me when this ends" },
            Background = new[] { "{city} has about {n3} residents and relies on the service for links to {place2}.", "{org} has run services in {region} since {prevyear}, when it won a ten-year contract." },
        },
        new()
        {
            Name = "results",
            Roles = new[] { "chief executive of {org}", "an analyst at {org2}", "finance director of {org}", "a shareholder from {city}" },
            Headlines = new[] { "{org} profit rises {pct1} as demand holds up", "{org} beats forecasts, plans {n2} new jobs in {city}", "{org} shares jump after results", "{org} to buy rival in {money} deal", "Profit at {org} climbs on strong sales in {region}" },
            Standfirsts = new[] { "The {city} company reported revenue of {money} for the year.", "Analysts had expected a smaller rise." },
            Leads = new[] { "{org} reported a {pct1} rise in annual profit on {weekday}, helped by strong demand in {region}, and said it would create {n2} jobs in {city}.", "Shares in {org} rose {pct2} on {weekday} after the {city}-based company reported profit well ahead of forecasts." },
            Facts = new[] { "Revenue rose to {money} in the year to {date}, from {money2} a year earlier.", "The company said it would hire {n2} people at its plant in {city} over the next two years.", "{org} also agreed to buy a smaller rival for {money2}, subject to approval by regulators.", "Operating costs fell {pct2}, the company said, as energy prices eased.", "The board proposed a dividend of {n3} cents a share.", "{p2}, an analyst at {org2}, said the figures were stronger than the market had expected.", "The company employs about {n1} people, most of them in {region}." },
            Quotes = new[] { "This has been the best year in the company's history, and we expect demand to hold up", "The numbers are well ahead of what the market was looking for", "We will keep investing in {city}, where this company started", "Costs are still the main risk for next year" },
            Background = new[] { "{org} was founded in {city} in {prevyear} and listed its shares {days} years ago.", "The company's last acquisition, in {prevyear}, was worth {money2}." },
        },
        new()
        {
            Name = "flood",
            Roles = new[] { "head of the {city} {body}", "a resident of {place2}", "a spokesperson for the {body}", "a hydrologist at {org}" },
            Headlines = new[] { "Floods force {n1} from homes in {region}", "{city} under water after {days} days of rain", "River bursts banks in {city}; {n2} rescued", "Storm cuts power to {n1} homes across {region}", "Clean-up begins in {city} as flood waters recede" },
            Standfirsts = new[] { "Emergency services rescued {n2} people overnight.", "Forecasters warn more rain is on the way for {region}." },
            Leads = new[] { "More than {n1} people were forced from their homes in {region} on {weekday} after the river burst its banks in {city}, emergency officials said.", "Heavy rain flooded parts of {city} on {weekday}, cutting power to {n1} homes and closing roads across {region}." },
            Facts = new[] { "Rescue crews from the {body} pulled {n2} people from cars and houses overnight, {p3} said.", "The river rose {n3} centimetres in {hours} hours, the highest level recorded since {prevyear}.", "Schools in {city} and {place2} will stay closed until {weekday}.", "{org} said it had restored power to about {pct1} of the affected homes by the evening.", "The {body} has opened {days} emergency shelters, which housed about {n3} people on {weekday} night.", "Damage is expected to exceed {money}, according to an early estimate by the council.", "Forecasters expect a further {n3} millimetres of rain before the weekend." },
            Quotes = new[] { "The water came up through the floor in less than an hour", "Our crews have been working through the night and will keep going", "Please stay away from the river banks until the water has gone down", "This is the worst flooding this town has seen in a generation" },
            Background = new[] { "{city} last flooded in {prevyear}, when damage was put at {money2}.", "A flood barrier promised for {city} has been delayed by {days} years." },
        },
        new()
        {
            Name = "vote",
            Roles = new[] { "leader of the {party}", "mayor of {city}", "a candidate for the {party}", "a political scientist at the {city} University" },
            Headlines = new[] { "{party} wins control of {city} council", "{city} votes to approve {money} budget", "Turnout hits {pct1} in {region} election", "{p1} claims victory in {city} mayoral race", "Council backs plan for {n2} new homes in {city}" },
            Standfirsts = new[] { "The result ends {days} years of rule by the opposition.", "Final results are expected on {weekday}." },
            Leads = new[] { "The {party} won control of the {city} council on {weekday}, taking {n2} of the {n3} seats, according to official results.", "Voters in {region} went to the polls on {weekday}, with turnout reaching {pct1}, the highest since {prevyear}." },
            Facts = new[] { "The {party} took {pct1} of the vote, up from {pct2} at the last election in {prevyear}.", "{p2}, the outgoing mayor of {city}, conceded defeat shortly after midnight.", "The new council is expected to approve a budget of {money} for the coming year.", "Turnout was {pct1}, election officials said, with {n1} votes cast.", "Counting was delayed for {hours} hours in {place2} after a ballot box was found unsealed.", "The {party} campaigned on a promise to build {n2} homes and freeze local taxes." },
            Quotes = new[] { "Tonight the people of {city} chose change", "We accept the result and we will hold the new council to its promises", "Every vote has been counted, and counted twice", "Turnout like this tells you how much people cared about housing" },
            Background = new[] { "{city} has {n3} council seats, elected every four years.", "The {party} last held the council in {prevyear}." },
        },
        new()
        {
            Name = "court",
            Roles = new[] { "a judge of the {region} High Court", "a lawyer for {org}", "a spokesperson for the {body}", "a former employee of {org}" },
            Headlines = new[] { "Court fines {org} {money} over safety failures", "{org} loses appeal in {city} court", "Judge orders {org} to pay {n2} former workers", "{region} court blocks {city} development", "{org} guilty of breaching environmental rules" },
            Standfirsts = new[] { "The company said it would consider an appeal.", "The case was brought by the {body} in {prevyear}." },
            Leads = new[] { "A court in {city} fined {org} {money} on {weekday} for safety failures that regulators said put {n2} workers at risk.", "The {region} High Court ruled on {weekday} that {org} must compensate {n2} former employees, ending a case that began in {prevyear}." },
            Facts = new[] { "{p1} said the company had ignored {days} warnings from inspectors over {n3} months.", "{org} was also ordered to pay legal costs of {money2}.", "The case was brought by the {body} after an inspection of the company's site in {city} in {prevyear}.", "{p2}, a lawyer for {org}, told the court the company had since spent {money2} on new equipment.", "The judge said the fine reflected the company's turnover of {money}.", "The ruling can be appealed within {days} weeks." },
            Quotes = new[] { "The company put its profits ahead of the safety of its workers", "We respect the court's decision and will study it carefully before deciding on an appeal", "This ruling sends a clear message to every employer in {region}", "I waited {days} years for someone to say we were right" },
            Background = new[] { "{org} employs {n1} people in {region}.", "The company was fined {money2} in a separate case in {prevyear}." },
        },
        new()
        {
            Name = "health",
            Roles = new[] { "chief executive of the {city} {body}", "a consultant at {city} General Hospital", "a patient from {place2}", "secretary of the {union}" },
            Headlines = new[] { "{city} hospital waiting list reaches {n1}", "New {money} hospital wing opens in {city}", "{union} warns of staff shortage in {region}", "Emergency wait times rise {pct1} in {city}", "{region} to recruit {n2} nurses from abroad" },
            Standfirsts = new[] { "Patients wait an average of {days} weeks for routine surgery.", "The health board says the new wing will add {n2} beds." },
            Leads = new[] { "The waiting list at {city} General Hospital has reached {n1} patients, the highest on record, according to figures released by the {body} on {weekday}.", "A {money} wing opened at {city} General Hospital on {weekday}, adding {n2} beds as the {body} struggles with record demand." },
            Facts = new[] { "The average wait for routine surgery rose to {days} weeks, from {n3} days a year earlier.", "The {body} said it would recruit {n2} nurses over the next year, many of them from abroad.", "Emergency department waits rose {pct1} compared with the same month last year.", "The {union} said {pct2} of posts on some wards were unfilled.", "{p2}, a consultant at the hospital, said operating theatres were running at full capacity.", "The new wing was funded by a {money} grant from the regional government." },
            Quotes = new[] { "Staff are doing everything they can, but demand is rising faster than we can build", "I have been waiting {days} months for a hip operation and I still have no date", "Without more nurses these beds will sit empty", "We are seeing more patients than at any time since the hospital opened" },
            Background = new[] { "{city} General Hospital serves about {n1} people across {region}.", "The hospital last expanded in {prevyear}." },
        },
        new()
        {
            Name = "project",
            Roles = new[] { "project director at {org}", "chair of the {city} {body}", "a resident of {place2}", "an engineer at {org2}" },
            Headlines = new[] { "{city} bridge delayed until {year2}", "Work starts on {money} rail link to {place2}", "Cost of {city} tunnel rises to {money}", "{org} wins contract for {city} ring road", "New line to cut {city}–{place2} journey to {n3} minutes" },
            Standfirsts = new[] { "The project is {days} years behind schedule.", "Construction is expected to create {n2} jobs." },
            Leads = new[] { "Construction of a {money} rail link between {city} and {place2} began on {weekday}, {days} years after it was first proposed.", "The cost of the {city} bridge has risen to {money}, the {body} said on {weekday}, and the opening has been pushed back to {year2}." },
            Facts = new[] { "{org} won the contract to build the line after a tender that drew {days} bids.", "The journey between {city} and {place2} will fall from {n3} minutes to about half that, the {body} said.", "The project is expected to create {n2} construction jobs.", "Costs rose {pct1} after engineers found unstable ground near {place2}.", "{p2}, chair of the {body}, said the first trains would run in {year2}.", "About {n1} people a day are expected to use the line in its first year." },
            Quotes = new[] { "This is the biggest investment in the region's transport for a generation", "We found problems in the ground that nobody could have foreseen", "We have heard promises about this line for twenty years", "The engineering is difficult but it is well understood" },
            Background = new[] { "The link was first proposed in {prevyear}.", "{org} built the {place2} bypass, which opened {days} months late." },
        },
        new()
        {
            Name = "sport",
            Roles = new[] { "captain of {city} United", "manager of {city} United", "coach of {place2} Rovers", "a supporter from {city}" },
            Headlines = new[] { "{city} United win cup final {score}", "{p1l} double wins {region} Cup for {city}", "{city} United beat {place2} Rovers to lift cup", "{n1} fans see {city} United win cup", "{city} United end {days}-year wait for trophy" },
            Standfirsts = new[] { "It is the club's first trophy since {prevyear}.", "A crowd of {n1} watched the match." },
            Leads = new[] { "{city} United won the {region} Cup on {weekday}, beating {place2} Rovers {score} in front of {n1} fans.", "Two goals from {p1} gave {city} United a {score} win over {place2} Rovers on {weekday} and the {region} Cup." },
            Facts = new[] { "{p1l} scored in the {minute} minute and again just before half-time.", "It is the club's first trophy since {prevyear}, when it won the league.", "{place2} Rovers had a goal ruled out for offside in the second half.", "A crowd of {n1} filled the stadium in {city}, a record for the competition.", "The club said about {n2} supporters travelled to the match.", "Ticket sales brought in about {money2}, organisers said." },
            Quotes = new[] { "We have waited a long time for this and the supporters deserve it", "The players gave everything, I cannot ask for more", "We were the better side for an hour but football does not reward that", "I have supported this club for {days} years and I have never seen a day like it" },
            Background = new[] { "{city} United were promoted {days} years ago.", "The two clubs last met in a final in {prevyear}." },
        },
    };
}
