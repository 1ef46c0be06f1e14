"""Word lists for jeg-form: nouns by gender and number, pronouns, verbs and names."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEUTER = _words("""værelse hus hjem arbejde job netværk mål liv barn barnebarn fællesskab venskab
    forhold ønske behov håb humør helbred budget forløb tilbud kursus hold sted værksted museum
    bibliotek center projekt problem samarbejde møde bad køkken kort pas brev tog rum dyr kæledyr
    ophold fag skema overblik sprog talent navn tøj hår spil instrument billede foto nummer kontor
    skab sind selvværd mønster misbrug forbrug program abonnement hjerte øje knæ hoved ansigt
    staffeli medlemskab kor værktøj vindue hjørne frirum ur fjernsyn tv cv lån beløb valg skridt
    råd mod overskud tempo niveau bånd syn kendskab ægteskab personale familiemedlem
    eri ment ium""")
COMMON = _words("""lejlighed familie mor far søster bror kæreste veninde ven datter søn kone mand
    hund kat cykel bil plan hverdag person mentor læge psykiater sagsbehandler økonomi medicin hjælp
    drøm uddannelse skole hobby interesse aftale have altan computer telefon mobil søvn krop sundhed
    vægt mad kost tid fremtid situation bolig nabo angst diagnose følelse tanke opgave aktivitet
    træning tur rytme dag uge morgen aften lyst motivation energi pension løn indkomst konto gæld
    regning husleje tante onkel fætter kusine guitar seng stue sofa fritid by klub forening gruppe
    mening fortid historie rolle stilling praktik plads lærer psykolog støtte dagbog bog tavle
    liste kalender pille tandlæge tand hånd fod arm mave ryg weekend ferie rejse højskole videnskab
    egenskab relation kontakt fødselsdag baby""")
PLURAL = _words("""venner børn forældre søskende drømme penge ting planer tanker følelser interesser
    aktiviteter opgaver aftaler ressourcer evner styrker kompetencer bøger klæder naboer børnebørn
    kolleger kollegaer veninder brødre søstre døtre sønner hobbyer færdigheder muligheder rutiner
    udfordringer erfaringer vaner regninger nøgler piller papirer møbler værdier grænser billeder
    planter øjne hænder fødder tænder briller bukser gardiner""")
ADJECTIVES = _words("""ny nye gamle gammel store stor lille små bedste første sidste faste daglige
    nuværende tidligere ældste yngste nærmeste kære dejlige gode eneste største vigtigste""")
OWN = {"egen": "min", "eget": "mit", "egne": "mine"}

# Other people, with gender: f, m, u (unknown) or p (several people).
_OTHERS = {
    "f": """mor mormor farmor moster faster tante søster datter veninde kone hustru kusine niece
        svigermor stedmor plejemor bedstemor kvinde pige""",
    "m": """far morfar farfar morbror farbror bror søn ven mand fætter nevø svigerfar stedfar
        plejefar bedstefar papfar dreng""",
    "u": """kæreste kontaktperson mentor læge psykiater psykolog sagsbehandler pædagog nabo kollega
        medarbejder chef leder træner lærer tandlæge sygeplejerske kok støtteperson beboer""",
    "p": "personalet forældrene familien søskende venner vennerne kollegerne naboerne beboere",
}
_DOUBLED = {"ven": "vennen", "søn": "sønnen", "kok": "kokken", "onkel": "onklen"}


def _definite(noun: str) -> str:
    return _DOUBLED.get(noun) or noun + ("n" if noun.endswith("e") else "en")


OTHERS = {w: g for g, ws in _OTHERS.items() for w in ws.split()}
OTHERS.update({_definite(w): g for g, ws in _OTHERS.items() if g != "p" for w in ws.split()})
KIN_DEFINITE = {_definite(w): "min " + w for w in "mor far bror søster datter søn".split()}
KIN_DEFINITE["forældrene"] = "mine forældre"

FEMALE_NAMES = _words("""anne kirsten mette hanne helle susanne lene marianne camilla pia louise
    charlotte tina gitte maria lone inge karin julie ida emma sofie laura anna sara amalie freja
    clara mathilde caroline signe cecilie katrine line maja nanna rikke sanne birgitte bente jette
    lise dorthe ulla yasmin fatima aisha amina mia ella alma olivia josefine""")
MALE_NAMES = _words("""peter jens lars michael henrik thomas søren jan niels christian martin
    anders morten jesper mads rasmus per ole jørgen bo kim erik poul frederik lucas mikkel jonas
    emil william noah oliver victor magnus tobias kasper simon daniel jakob steen allan carsten
    torben ali ahmed mohammed omar hassan mustafa""")

FIRST_PERSON = _words("jeg mig min mit mine")
WE = _words("vi os vores")
SECOND = {"du": "jeg", "dig": "mig", "din": "min", "dit": "mit", "dine": "mine"}
THIRD_SUBJECT = {"han": "m", "hun": "f"}
THIRD_OBJECT = {"ham": "m", "hende": "f"}
THIRD_POSSESSIVE = {"hans": "m", "hendes": "f"}
REFLEXIVE = {"sig": "mig", "sin": "min", "sit": "mit", "sine": "mine"}
RESIDENT = _words("beboeren borgeren brugeren")
RESIDENT_POSSESSIVE = _words("beboerens borgerens brugerens")
RESIDENT_BARE = _words("beboer borger")
POSSESSIVES = _words("min mit mine din dit dine sin sit sine hans hendes vores jeres deres")
SUBJECT_PRONOUNS = _words("han hun du jeg vi de man det der den dette nogen ingen")
FINITE = _words("""er var har havde vil ville skal skulle kan kunne må måtte bør burde tør gider
    gad får fik gør gjorde går gik kommer kom tager tog ser siger sagde synes syntes tror ved
    bliver blev bor står sad sidder ligger lå hedder giver gav finder fandt holder holdt hjalp
    viste sov drak skrev mødes ses trives føles lykkes skændes slås længes""")
NOT_FINITE = _words("""efter over under hver her der mere aldrig derefter bagefter sommer vinter
    minutter timer uger dage gange kroner mennesker andre lejligheder ellers heller enten""")
ADVERBIALS = _words("""i på til fra med ved hos om efter før under over mod uden siden nu så
    derfor her da næste sidste hver hvert igen heldigvis desværre måske bagefter senere tidligere
    ofte altid tit også alligevel endelig snart først hvad hvem hvor hvordan hvornår hvorfor
    hvilken hvilket hvilke mandag tirsdag onsdag torsdag fredag lørdag søndag i dag""")
LIGHT = _words("selv ikke også gerne altid nu tit ofte aldrig heller stadig kun")
SPLIT = _words("""at når fordi hvis selvom mens men som hvor end om da så samt for efter før
    siden indtil hvorfor hvordan hvornår hvad hvem""")
STRIP_FIRST = _words("at når fordi hvis selvom mens og men eller som end samt")
BOUNDARY = frozenset(",;:()–—")
BULLETS = frozenset(":•*-–—>")
TYPICAL_VERBS = _words("""vil har ønsker drømmer skal kan synes gerne kunne ville er glæder
    savner føler elsker tror mener håber""")

TOKEN_RE = re.compile(r"<[^<>\n]{0,200}>|&#?\w{1,10};|[^\W\d_]+(?:-[^\W\d_]+)*|\d+|\s+|.", re.S)
QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "»": "«", "«": "»", "”": "”", "'": "'", "‘": "’"}
SINGLE_QUOTES = frozenset("'‘")
