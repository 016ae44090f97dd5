"""Example sentences that show the embedding model what each goal and an intended effect
look like, and what they do not (written for the product, not taken from a document).

A passage is compared with these; the closest example is shown as the reason. The
"none" examples are municipal text outside the social domain and procedure, so a
passage that merely shares a topic word ("kosten" of a sports hall) is held against
them."""

GOAL_EXAMPLES = {
    "self_reliance": [
        "Inwoners lossen problemen zoveel mogelijk zelf op, met hulp van hun eigen netwerk.",
        "Mantelzorgers krijgen ondersteuning zodat zij de zorg voor hun naaste volhouden.",
        "Vrijwilligers helpen inwoners om mee te doen in de samenleving.",
        "We zetten in op preventie en algemene voorzieningen, zodat minder inwoners "
        "maatwerk nodig hebben.",
        "Ouderen blijven zo lang mogelijk zelfstandig thuis wonen.",
        "De cliënt houdt de regie over zijn eigen leven en zijn ondersteuning.",
        "Inwoners met een uitkering gaan aan het werk of doen mee via vrijwilligerswerk.",
        "Jeugdigen groeien op tot zelfredzame volwassenen die naar vermogen meedoen.",
        "De zelfredzaamheid en participatie van de cliënt worden bevorderd.",
        "Laagdrempelige activiteiten in de wijk voorkomen dat problemen groter worden.",
        "Eenzaamheid onder ouderen wordt tegengegaan door ontmoeting in de buurt.",
        "Het sociale netwerk van het gezin wordt betrokken bij de oplossing.",
        "Preventieve ondersteuning versterkt de opvoedvaardigheden van ouders.",
        "Werkzoekenden worden ondersteund bij hun re-integratie naar betaald werk.",
        "De mate waarin inwoners zich zelf kunnen redden en mee kunnen doen.",
    ],
    "integrality": [
        "Eén gezin, één plan, één regisseur: hulpverleners werken samen rond het gezin.",
        "Het sociaal team is de toegang voor alle vragen over zorg, werk en inkomen.",
        "Jeugdhulp, onderwijs en zorg stemmen hun ondersteuning op elkaar af.",
        "Bij meervoudige problemen coördineert één regisseur de hulp aan het huishouden.",
        "Partners in het sociaal domein en het veiligheidsdomein werken samen om escalatie "
        "te voorkomen.",
        "De gemeente zorgt voor samenhang tussen de Wmo, de Jeugdwet en de Participatiewet.",
        "De aanbieder werkt samen met de huisarts en het wijkteam aan één ondersteuningsplan.",
        "Schuldhulpverlening wordt verbonden met de ondersteuning van het wijkteam.",
        "Het college stemt de hulp aan jeugdigen af met zorgverzekeraars en scholen.",
        "Er is één aanspreekpunt voor het gezin, ook als meer organisaties betrokken zijn.",
        "Domeinoverstijgend werken doorbreekt de schotten tussen organisaties en budgetten.",
        "Veilig Thuis werkt samen met de politie, de raad voor de kinderbescherming en de "
        "hulpverlening rond een gezin.",
    ],
    "finances": [
        "De kosten van de jeugdhulp zijn hoger dan begroot en leiden tot een tekort.",
        "Het budget voor maatwerkvoorzieningen Wmo wordt overschreden door meer cliënten.",
        "De aanbieder declareert de geleverde ondersteuning tegen het afgesproken tarief.",
        "De eigen bijdrage voor een Wmo-voorziening hangt af van het inkomen.",
        "Om de uitgaven in het sociaal domein te beheersen sturen we op volume en prijs.",
        "Het tarief per uur begeleiding wordt jaarlijks geïndexeerd.",
        "De rijksbijdrage voor de jeugdzorg is niet genoeg voor de werkelijke lasten.",
        "Subsidies aan welzijnsorganisaties worden verantwoord op basis van prestaties.",
        "Lasten en baten van het taakveld maatwerkdienstverlening 18+.",
        "Een persoonsgebonden budget wordt uitbetaald door de Sociale Verzekeringsbank.",
        "Bezuinigingen op het sociaal domein moeten de begroting sluitend maken.",
        "De uitkering bijstand en de kosten van bijzondere bijstand.",
    ],
    "none": [
        "Het onderhoud van wegen, bruggen en openbare verlichting volgt het beheerplan.",
        "De rioolheffing en de afvalstoffenheffing stijgen met de inflatie.",
        "De inschrijving moet voor 12.00 uur via het aanbestedingsplatform worden ingediend.",
        "De gemeenteraad vergadert in de raadszaal van het gemeentehuis.",
        "Het bestemmingsplan maakt de bouw van woningen op de locatie mogelijk.",
        "De brandweer oefent jaarlijks de bestrijding van grote branden.",
        "Op deze overeenkomst is Nederlands recht van toepassing.",
        "In dit artikel wordt verstaan onder opdrachtnemer: de partij die de overeenkomst sluit.",
        "De sporthal wordt gerenoveerd en de kosten worden in dertig jaar afgeschreven.",
        "Het parkeerbeleid in het centrum wordt geëvalueerd.",
        "De huisvesting van basisscholen valt onder het huisvestingsplan onderwijs.",
        "Het strand wordt schoongemaakt en de reddingsbrigade is in de zomer aanwezig.",
        "Persoonsgegevens worden verwerkt volgens de Algemene verordening gegevensbescherming.",
        "Deze regeling treedt in werking met ingang van de dag na publicatie.",
        "Het aantal respondenten en de respons per wijk staan in de bijlage.",
        "De link naar het document op de website moet worden aangepast.",
    ],
}

INTENT_EXAMPLES = {
    "intent": [
        "We willen dat inwoners langer zelfstandig thuis kunnen wonen.",
        "Ons doel is dat kinderen gezond en veilig opgroeien.",
        "Zo zorgen we ervoor dat iedereen kan meedoen in de samenleving.",
        "De inzet is gericht op het voorkomen van schulden bij jonge gezinnen.",
        "Met als doel dat minder jeugdigen in de zorg terechtkomen.",
        "Waarbij het streven is dat inwoners snel de juiste hulp krijgen.",
        "De ondersteuning draagt bij aan de zelfredzaamheid en participatie van de cliënt.",
        "Het beleid richt zich op het versterken van de eigen kracht van inwoners.",
        "Voor het voorkomen van eenzaamheid onder ouderen organiseren we ontmoeting.",
        "Mantelzorgers worden ondersteund zodat zij niet overbelast raken.",
        "De jeugdhulp draagt bij aan het gezond en veilig opgroeien van jeugdigen.",
        "Wat willen we bereiken: inwoners zijn financieel zelfredzaam.",
    ],
    "none": [
        "De aanbieder meldt wijzigingen binnen vijf werkdagen aan de gemeente.",
        "Om het sociaal team bekendheid te geven verspreiden we een folder.",
        "Om de administratieve lasten voor aanbieders te beperken gebruiken we standaardberichten.",
        "Om de aanbesteding goed te laten verlopen is een planning opgesteld.",
        "In 2025 zijn 340 meldingen ontvangen, tien procent meer dan het jaar ervoor.",
        "De lasten van het programma bedragen twaalf miljoen euro.",
        "Het college stelt nadere regels vast over de wijze van aanvragen.",
        "Dit artikel is van overeenkomstige toepassing op de jeugdhulpaanbieder.",
        "Om de rapportage op tijd aan te leveren gebruikt de aanbieder het format.",
        "De evaluatie van het uitvoeringsplan vindt in december plaats.",
        "De vragenlijst wordt verstuurd naar een steekproef van inwoners.",
        "De gemeente voert in 2026 een onderzoek uit naar de tevredenheid van cliënten.",
    ],
}
