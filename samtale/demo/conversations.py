"""Demo conversations (all fictional): finished ones in plain Danish for several demo
residents, one in progress with a draft, and one postponed ("ikke i dag"). They are
made through samtale.conversations, so they are real conversations with snapshots,
revisions and writers; afterwards their times are moved back to look lived-in."""

from __future__ import annotations

from datetime import timedelta

from samtale import clock, conversations, flow
from samtale.banks import default_folders, load_banks
from samtale.banks.model import Question
from samtale.errors import SamtaleError

R, S = "resident", "staff"  # who wrote the answer: the resident personally, or staff

# (resident, contact username, bank id, days ago, answers: (question id, value, writer))
FINISHED = [
    ("Karin S.", "demo.mette", "haab-og-droemme", 40, [
        ("trivsel_nu", "4", R),
        ("godt_lige_nu", "At jeg har min egen lejlighed, og at min søster ringer om "
                         "søndagen.", S),
        ("droem", "Jeg drømmer om at arbejde i et køkken igen. Jeg var kok for mange år "
                  "siden.", R),
        ("droem_omraade", ["Arbejde", "Lave mad"], R),
        ("droem_lagt_vaek", "ja", R),
        ("gammel_droem", "Jeg ville gerne have haft en hund. Det kunne jeg ikke, da jeg "
                         "var syg.", S),
        ("god_til", "At lave mad og at få andre til at grine.", R),
        ("energi", ["mad", "musik", "naturen"], R),
        ("vigtige_mennesker", "Min søster Lone og min nabo Per.", S),
        ("hjaelper_mod_droem", "ja", R),
        ("hvem_hjaelper", "Lone og min kontaktperson.", R),
        ("tro_paa_droem", "3", R),
        ("foerste_skridt", "Hjælpe til i køkkenet her i huset en dag om ugen.", S),
        ("halve_aar", "Lave frokost i huset en gang om ugen og tage bussen selv til byen.", S),
        ("droemme_i_plan", "ja", R),
    ]),
    ("Peter J.", "demo.mette", "aktiviteter-og-faellesskaber", 20, [
        ("fritid_nu", "Jeg ser fodbold og går ture ved søen. Tit er jeg bare på "
                      "værelset.", S),
        ("hvor_tit", "2", R),
        ("nok_samvaer", "mere", R),
        ("huset_aktiviteter", ["spisning", "film", "gaatur"], R),
        ("aktivitetsudvalg", "ved_ikke", R),
        ("gaar_til_noget", "nej", R),
        ("byen_proeve", ["sportsklub", "vaerested"], R),
        ("proeve_nyt", "Jeg vil gerne spille bordtennis igen.", R),
        ("hvem_med", ["beboer", "kontaktperson"], R),
        ("hvem_navn", "Bjørn fra gangen.", R),
        ("svaert", ["traet", "kender_ingen"], S),
        ("foelges", "ja", R),
        ("tavle_samtykke", "ja", R),
        ("tavle_navn", "nej", R),
    ]),
    ("Ole P.", "demo.ali", "hverdag-arbejde-og-laering", 60, [
        ("god_dag", "Jeg står op klokken otte og drikker kaffe. Så laver jeg noget med "
                    "hænderne. Om aftenen ser jeg en film.", S),
        ("klarer_selv", ["mad", "indkoeb", "transport"], R),
        ("bedre_til", ["penge", "rengoering"], R),
        ("soevn", "2", R),
        ("soevn_hjaelp", "ja", R),
        ("arbejdet_foer", "ja", R),
        ("arbejde_foer_hvad", "Jeg var gartner i kommunen i ti år. Det bedste var at være "
                              "ude hele dagen.", S),
        ("arbejde_nu", "proeve", R),
        ("arbejde_hvad", ["have", "haandvaerk"], R),
        ("huset_hjaelpe", "ja", R),
        ("huset_hvor", "have", R),
        ("huset_hvor_meget", "2", R),
        ("laere_noget", "ja", R),
        ("laere_hvad", "At betale regninger på computeren.", R),
        ("laerer_bedst", "proeve", R),
        ("tage_fat_paa", ["Arbejde", "Penge og økonomi"], R),
    ]),
]

IN_PROGRESS = ("Yasmin A.", "demo.jonas", "indflytning", 2, [
    ("flytte_ind", "3", R),
    ("vigtigt_hjem", "At der er roligt om natten, og at jeg kan have mine planter.", R),
    ("ting_med", "Dynen fra min mormor.", R),
    ("bedst_paa_dagen", "eftermiddag", R),
], ("daarlig_dag", "Musik i høretelefoner, og at nogen sidder lidt hos mig", S))

POSTPONED = ("Bjørn", "demo.mette", "haab-og-droemme", 1, [("trivsel_nu", "1", R)],
             "Bjørn havde sovet dårligt og ville hellere gå en tur.", 10)


def _value(question: Question, value):
    """Life areas are written here by their plain label; everything else as stored."""
    if question.type != "life_area":
        return value
    by_label = {choice.label_for("da"): choice.id for choice in question.choices}
    return [by_label[label] for label in value if label in by_label]


def _answer(ctx, conv, staff_id: int, question_id: str, value, writer: str,
            draft: bool = False) -> None:
    if question_id not in conv.bank.question_ids:
        return  # the bank changed: leave the answer out rather than stop the demo
    question = conv.bank.question(question_id)
    try:
        conversations.save_answer(ctx.db, conv, question_id, _value(question, value),
                                  written_by=writer, staff_id=staff_id, draft=draft)
    except SamtaleError:
        return


def _begin(ctx, banks, name: str, staff: str, bank_id: str, answers):
    bank = banks.get(bank_id)
    if bank is None:
        return None
    resident_id, staff_id = ctx.ids[name], ctx.ids[staff]
    conv = conversations.get(ctx.db, resident_id,
                             conversations.start(ctx.db, resident_id, bank, staff_id))
    for question_id, value, writer in answers:
        _answer(ctx, conv, staff_id, question_id, value, writer)
    conv = conversations.get(ctx.db, resident_id, conv.id)
    answered = [q for q, _value, _writer in answers if q in conv.answers]
    following = flow.next_question(conv.bank, conv.values, answered[-1]) if answered else None
    if following is not None:
        conversations.move_to(ctx.db, conv, following.id)
    return conv


def _backdate(db, conversation_id: int, days: int) -> None:
    """Move a conversation's times `days` back (an hour long, answers in between)."""
    began = clock.now() - timedelta(days=days)
    start, end = clock.to_iso(began), clock.to_iso(began + timedelta(hours=1))
    db.execute("UPDATE conversations SET started_at = ?, updated_at = ?, finished_at = "
               "CASE WHEN finished_at IS NULL THEN NULL ELSE ? END, postponed_at = CASE WHEN "
               "postponed_at IS NULL THEN NULL ELSE ? END WHERE id = ?",
               [start, end, end, end, conversation_id])
    db.execute("UPDATE answers SET created_at = ?, updated_at = ? WHERE conversation_id = ?",
               [end, end, conversation_id])


def seed(ctx) -> None:
    banks = load_banks(default_folders(None))
    for name, staff, bank_id, days, answers in FINISHED:
        conv = _begin(ctx, banks, name, staff, bank_id, answers)
        if conv is not None:
            conversations.finish(ctx.db, conv)
            _backdate(ctx.db, conv.id, days)

    name, staff, bank_id, days, answers, (draft_id, draft, writer) = IN_PROGRESS
    conv = _begin(ctx, banks, name, staff, bank_id, answers)
    if conv is not None:
        _answer(ctx, conv, ctx.ids[staff], draft_id, draft, writer, draft=True)
        if draft_id in conv.bank.question_ids:
            conversations.move_to(ctx.db, conv, draft_id)
        _backdate(ctx.db, conv.id, days)

    name, staff, bank_id, days, answers, reason, retry_days = POSTPONED
    conv = _begin(ctx, banks, name, staff, bank_id, answers)
    if conv is not None:
        conversations.postpone(ctx.db, conv, reason, clock.days_from_today(retry_days))
        _backdate(ctx.db, conv.id, days)
