"""French and Spanish texts of the demo agendas (sessions/demo.py) and of the
demo speakers, applied by ``translate_demo_agenda``: the demo shows a
participant the agenda in their language. Looked up by the English source
text, so an organiser's edit of a demo row leaves its translation out of
date rather than overwritten."""

import re

from django.db import transaction
from django.utils import timezone

from sessions.models import EventPage, Room, Session, Track
from speakers.models import Gender, Speaker

# English -> (French, Spanish)
TRACKS = {
    "Human rights and AI": ("Droits humains et IA", "Derechos humanos e IA"),
    "Gender equality": ("Égalité des genres", "Igualdad de género"),
    "Environment and sustainability": ("Environnement et durabilité", "Medio ambiente y sostenibilidad"),
    "Neurotechnology": ("Neurotechnologie", "Neurotecnología"),
    "Generative AI": ("IA générative", "IA generativa"),
    "Supervisory authorities": ("Autorités de contrôle", "Autoridades de supervisión"),
    "Readiness assessment": ("Évaluation de l'état de préparation", "Evaluación del grado de preparación"),
}
TOPICS = {
    "Facial recognition in public spaces": (
        "La reconnaissance faciale dans l'espace public",
        "El reconocimiento facial en los espacios públicos",
    ),
    "Algorithmic decisions in social protection": (
        "Les décisions algorithmiques dans la protection sociale",
        "Las decisiones algorítmicas en la protección social",
    ),
    "Remedy for people harmed by automated systems": (
        "Les recours des personnes lésées par des systèmes automatisés",
        "Vías de reparación para las personas perjudicadas por sistemas automatizados",
    ),
    "Children's rights in AI-driven services": (
        "Les droits de l'enfant dans les services fondés sur l'IA",
        "Los derechos de la infancia en los servicios basados en la IA",
    ),
    "Closing the gender gap in AI careers": (
        "Combler l'écart entre les genres dans les métiers de l'IA",
        "Cerrar la brecha de género en las carreras de la IA",
    ),
    "Bias audits for hiring algorithms": (
        "Auditer les biais des algorithmes de recrutement",
        "Auditorías de sesgo de los algoritmos de contratación",
    ),
    "Women founders and AI investment": (
        "Les fondatrices et l'investissement dans l'IA",
        "Las fundadoras y la inversión en IA",
    ),
    "Technology-facilitated gender-based violence": (
        "La violence fondée sur le genre facilitée par la technologie",
        "La violencia de género facilitada por la tecnología",
    ),
    "The carbon and water footprint of data centres": (
        "L'empreinte carbone et hydrique des centres de données",
        "La huella de carbono e hídrica de los centros de datos",
    ),
    "AI for climate adaptation in coastal cities": (
        "L'IA au service de l'adaptation climatique des villes côtières",
        "La IA para la adaptación climática de las ciudades costeras",
    ),
    "Measuring the environmental cost of model training": (
        "Mesurer le coût environnemental de l'entraînement des modèles",
        "Medir el costo ambiental del entrenamiento de modelos",
    ),
    "Satellite data and biodiversity monitoring": (
        "Données satellitaires et suivi de la biodiversité",
        "Datos satelitales y seguimiento de la biodiversidad",
    ),
    "Mental privacy and neural data": (
        "Vie privée mentale et données neuronales",
        "Privacidad mental y datos neuronales",
    ),
    "Consumer brain-computer interfaces": (
        "Les interfaces cerveau-machine grand public",
        "Las interfaces cerebro-computadora de consumo",
    ),
    "Neurotechnology in the workplace": ("La neurotechnologie au travail", "La neurotecnología en el lugar de trabajo"),
    "Clinical neurotechnology and informed consent": (
        "Neurotechnologie clinique et consentement éclairé",
        "Neurotecnología clínica y consentimiento informado",
    ),
    "Generative AI in classrooms": ("L'IA générative en classe", "La IA generativa en las aulas"),
    "Synthetic media and electoral integrity": (
        "Médias synthétiques et intégrité électorale",
        "Medios sintéticos e integridad electoral",
    ),
    "Copyright, creators and training data": (
        "Droit d'auteur, créateurs et données d'entraînement",
        "Derechos de autor, creadores y datos de entrenamiento",
    ),
    "Open and closed foundation models": (
        "Modèles de fondation ouverts et fermés",
        "Modelos fundacionales abiertos y cerrados",
    ),
    "Building a network of AI supervisory authorities": (
        "Bâtir un réseau d'autorités de contrôle de l'IA",
        "Construir una red de autoridades de supervisión de la IA",
    ),
    "Sandboxes that regulators can trust": (
        "Des bacs à sable réglementaires dignes de confiance",
        "Entornos de prueba regulatorios dignos de confianza",
    ),
    "Incident reporting across borders": (
        "Le signalement des incidents par-delà les frontières",
        "La notificación transfronteriza de incidentes",
    ),
    "Inspecting high-risk systems in practice": (
        "Inspecter les systèmes à haut risque en pratique",
        "La inspección de sistemas de alto riesgo en la práctica",
    ),
    "Lessons from fifty readiness assessments": (
        "Les enseignements de cinquante évaluations de l'état de préparation",
        "Lecciones de cincuenta evaluaciones del grado de preparación",
    ),
    "From assessment to national AI strategy": (
        "De l'évaluation à la stratégie nationale d'IA",
        "De la evaluación a la estrategia nacional de IA",
    ),
    "Data infrastructure for small island states": (
        "Les infrastructures de données des petits États insulaires",
        "Infraestructura de datos para los pequeños Estados insulares",
    ),
    "Skills and institutions: what readiness really needs": (
        "Compétences et institutions : ce dont la préparation a vraiment besoin",
        "Competencias e instituciones: lo que realmente requiere la preparación",
    ),
}
ANGLES = {
    "what works": ("ce qui fonctionne", "lo que funciona"),
    "voices from the Global South": ("les voix du Sud global", "voces del Sur Global"),
    "the next five years": ("les cinq prochaines années", "los próximos cinco años"),
    "from principles to practice": ("des principes à la pratique", "de los principios a la práctica"),
}
TITLES = {
    "Opening plenary: governing AI for people and planet": (
        "Plénière d'ouverture : gouverner l'IA pour les personnes et la planète",
        "Plenaria de apertura: gobernar la IA para las personas y el planeta",
    ),
    "Morning keynote: the state of AI governance": (
        "Conférence du matin : l'état de la gouvernance de l'IA",
        "Conferencia magistral de la mañana: el estado de la gobernanza de la IA",
    ),
    "Morning keynote: AI and the planet": (
        "Conférence du matin : l'IA et la planète",
        "Conferencia magistral de la mañana: la IA y el planeta",
    ),
    "Lunch": ("Déjeuner", "Almuerzo"),
    "Welcome reception": ("Réception de bienvenue", "Recepción de bienvenida"),
    "Side event: youth voices on AI": (
        "Événement parallèle : la parole des jeunes sur l'IA",
        "Evento paralelo: las voces de la juventud sobre la IA",
    ),
    "Closing plenary and outcomes": ("Plénière de clôture et conclusions", "Plenaria de clausura y resultados"),
    "Ministerial round table (Chatham House rule)": (
        "Table ronde ministérielle (règle de Chatham House)",
        "Mesa redonda ministerial (regla de Chatham House)",
    ),
    "Opening: why mental privacy matters now": (
        "Ouverture : pourquoi la vie privée mentale compte aujourd'hui",
        "Apertura: por qué la privacidad mental importa hoy",
    ),
    "What neural data reveals": ("Ce que révèlent les données neuronales", "Lo que revelan los datos neuronales"),
    "Regulators' round table": ("Table ronde des régulateurs", "Mesa redonda de los reguladores"),
    "Drafting principles for consumer neurotechnology": (
        "Rédiger des principes pour la neurotechnologie grand public",
        "Redactar principios para la neurotecnología de consumo",
    ),
    "Conclusions and next steps": ("Conclusions et prochaines étapes", "Conclusiones y próximos pasos"),
}
DESCRIPTIONS = {
    "<p>Welcome by the host country and the organisers; the Forum's aims for 2026.</p>": (
        "<p>Mots de bienvenue du pays hôte et des organisateurs ; les objectifs du Forum pour 2026.</p>",
        "<p>Bienvenida del país anfitrión y de los organizadores; los objetivos del Foro para 2026.</p>",
    ),
}
# "A panel of the <track> track on <title>." by session type.
DESCRIPTION_OPENINGS = {
    "panel": ("Un panel de la thématique « {track} » : {title}.", "Un panel del eje «{track}»: {title}."),
    "workshop": ("Un atelier de la thématique « {track} » : {title}.", "Un taller del eje «{track}»: {title}."),
    "keynote": (
        "Une conférence principale de la thématique « {track} » : {title}.",
        "Una conferencia magistral del eje «{track}»: {title}.",
    ),
}
CANCELLATION_REASONS = {
    "The panel has merged with the session on supervisory authorities.": (
        "Ce panel a fusionné avec la séance sur les autorités de contrôle.",
        "Este panel se ha fusionado con la sesión sobre las autoridades de supervisión.",
    ),
}
ROOM_NAMES = {
    "Plenary Hall": ("Salle plénière", "Sala plenaria"),
    "Sapphire Room": ("Salle Saphir", "Sala Zafiro"),
    "Emerald Room": ("Salle Émeraude", "Sala Esmeralda"),
    "Ruby Room": ("Salle Rubis", "Sala Rubí"),
    "Jade Room": ("Salle Jade", "Sala Jade"),
    "Lotus Room": ("Salle Lotus", "Sala Loto"),
    "Orchid Room": ("Salle Orchidée", "Sala Orquídea"),
    "Teak Room": ("Salle Teck", "Sala Teca"),
    "Exhibition Foyer": ("Foyer des expositions", "Vestíbulo de exposiciones"),
    "Room IX": ("Salle IX", "Sala IX"),
    "Room X": ("Salle X", "Sala X"),
}
FLOORS = {"Ground": ("rez-de-chaussée", "planta baja"), "1": ("1", "1"), "2": ("2", "2"), "3": ("3", "3")}
ACCESSIBILITY_NOTES = {
    "Step-free access; induction loop; wheelchair spaces in row A.": (
        "Accès de plain-pied ; boucle magnétique ; places pour fauteuils roulants au rang A.",
        "Acceso sin escalones; bucle de inducción; espacios para sillas de ruedas en la fila A.",
    ),
    "Step-free access by lift B.": (
        "Accès de plain-pied par l'ascenseur B.",
        "Acceso sin escalones por el ascensor B.",
    ),
    "Step-free access by lift C.": (
        "Accès de plain-pied par l'ascenseur C.",
        "Acceso sin escalones por el ascensor C.",
    ),
    "Step-free access by lift C; quiet room next door.": (
        "Accès de plain-pied par l'ascenseur C ; salle calme à côté.",
        "Acceso sin escalones por el ascensor C; sala tranquila al lado.",
    ),
    "Step-free access; seating available.": (
        "Accès de plain-pied ; places assises disponibles.",
        "Acceso sin escalones; asientos disponibles.",
    ),
}
# Position -> French and Spanish for a woman, a man, anyone else.
POSITIONS = {
    "Minister of Digital Economy": (
        ("Ministre de l'Économie numérique",) * 3,
        ("Ministra de Economía Digital", "Ministro de Economía Digital", "Titular del Ministerio de Economía Digital"),
    ),
    "Commissioner": (("Commissaire",) * 3, ("Comisionada", "Comisionado", "Integrante de la comisión")),
    "Professor of Computer Science": (
        ("Professeure d'informatique", "Professeur d'informatique", "Professeur·e d'informatique"),
        ("Catedrática de Informática", "Catedrático de Informática", "Docente titular de Informática"),
    ),
    "Director": (("Directrice", "Directeur", "Directeur·rice"), ("Directora", "Director", "Titular de la dirección")),
    "Head of Policy": (("Responsable des politiques publiques",) * 3, ("Responsable de Políticas",) * 3),
    "Chief Scientist": (
        ("Scientifique en chef",) * 3,
        ("Científica jefa", "Científico jefe", "Responsable científico"),
    ),
    "Senior Researcher": (
        ("Chercheuse principale", "Chercheur principal", "Chercheur·euse principal·e"),
        ("Investigadora principal", "Investigador principal", "Persona investigadora principal"),
    ),
    "Chair": (("Présidente", "Président", "Président·e"), ("Presidenta", "Presidente", "Titular de la presidencia")),
}
ORGANISATIONS = {
    "Ministry of Digital Economy": ("ministère de l'Économie numérique", "Ministerio de Economía Digital"),
    "National Data Protection Authority": (
        "Autorité nationale de protection des données",
        "Autoridad Nacional de Protección de Datos",
    ),
    "University of Cape Town": ("Université du Cap", "Universidad de Ciudad del Cabo"),
    "Centre for AI and Human Rights": ("Centre pour l'IA et les droits humains", "Centro de IA y Derechos Humanos"),
    "Open Futures Foundation": ("Fondation Open Futures", "Fundación Open Futures"),
    "Southern Neurotech Lab": ("Laboratoire Southern Neurotech", "Laboratorio Southern Neurotech"),
    "Institute for Climate and Computing": (
        "Institut pour le climat et l'informatique",
        "Instituto de Clima y Computación",
    ),
    "AI Supervisory Board": ("Conseil de surveillance de l'IA", "Junta de Supervisión de la IA"),
}
LANGUAGES = ("fr", "es")
OPEN_SESSION = re.compile(r"^Open session (\d+-\d+)$")


def session_title(title: str) -> tuple[str, str] | None:
    if title in TITLES:
        return TITLES[title]
    if match := OPEN_SESSION.match(title):
        return f"Séance ouverte {match[1]}", f"Sesión abierta {match[1]}"
    topic, _, angle = title.rpartition(": ")
    if topic in TOPICS and angle in ANGLES:
        (topic_fr, topic_es), (angle_fr, angle_es) = TOPICS[topic], ANGLES[angle]
        return f"{topic_fr} : {angle_fr}", f"{topic_es}: {angle_es}"
    return None


def session_texts(session: Session) -> dict[str, dict[str, str]]:
    """{language: {field: text}} of what the demo knows for this session."""
    texts = {code: {} for code in LANGUAGES}
    title = session_title(session.title)
    for n, code in enumerate(LANGUAGES):
        if title:
            texts[code]["title"] = title[n]
        if session.description in DESCRIPTIONS:
            texts[code]["description"] = DESCRIPTIONS[session.description][n]
        elif (
            title and session.track_id and session.track.name in TRACKS and session.session_type in DESCRIPTION_OPENINGS
        ):
            opening = DESCRIPTION_OPENINGS[session.session_type][n]
            sentence = opening.format(track=TRACKS[session.track.name][n], title=title[n])
            texts[code]["description"] = f"<p>{sentence}</p>"
        if session.cancellation_reason in CANCELLATION_REASONS:
            texts[code]["cancellation_reason"] = CANCELLATION_REASONS[session.cancellation_reason][n]
    return texts


def room_texts(room: Room) -> dict[str, dict[str, str]]:
    texts = {code: {} for code in LANGUAGES}
    for n, code in enumerate(LANGUAGES):
        for field, table in (("name", ROOM_NAMES), ("floor", FLOORS), ("accessibility_notes", ACCESSIBILITY_NOTES)):
            if getattr(room, field) in table:
                texts[code][field] = table[getattr(room, field)][n]
    return texts


def track_texts(track: Track) -> dict[str, dict[str, str]]:
    return {code: {"name": TRACKS[track.name][n]} for n, code in enumerate(LANGUAGES) if track.name in TRACKS}


def speaker_texts(speaker: Speaker) -> dict[str, dict[str, str]]:
    if speaker.position not in POSITIONS or speaker.organisation not in ORGANISATIONS:
        return {}
    form = {Gender.WOMAN: 0, Gender.MAN: 1}.get(speaker.consented_gender, 2)
    name = f"{speaker.first_name} {speaker.last_name}"
    french, spanish = POSITIONS[speaker.position][0][form], POSITIONS[speaker.position][1][form]
    organisation_fr, organisation_es = ORGANISATIONS[speaker.organisation]
    return {
        "fr": {
            "position": french,
            "bio": f"<p>{name} travaille sur la gouvernance de l'intelligence artificielle : {french.lower()}, "
            f"{organisation_fr}.</p>",
        },
        "es": {
            "position": spanish,
            "bio": f"<p>{name} trabaja en la gobernanza de la inteligencia artificial: {spanish.lower()}, "
            f"{organisation_es}.</p>",
        },
    }


def apply_texts(rows, texts_of) -> None:
    """Set the demo's translations on rows that lack them (idempotent: a row
    already translated, or edited since, is left as it is)."""
    changed = []
    for row in rows:
        for code, values in texts_of(row).items():
            missing = {
                field: value
                for field, value in values.items()
                if getattr(row, field) and row.field_translation_status(field, code) == "missing"
            }
            if missing:
                row.set_translation(code, **missing)
                changed.append(row)
    if not changed:
        return
    model, fields = type(changed[0]), ["translations"]
    if any(field.name == "updated_at" for field in model._meta.fields):
        # What caches a row's rendering (agenda cards, feeds) sees the change.
        for row in changed:
            row.updated_at = timezone.now()
        fields.append("updated_at")
    model.objects.bulk_update(list({row.pk: row for row in changed}.values()), fields)


def translate_demo_agenda(events: list[EventPage], speakers: list[Speaker]) -> None:
    with transaction.atomic():
        apply_texts(Room.objects.filter(event__in=events), room_texts)
        apply_texts(Track.objects.filter(event__in=events), track_texts)
        apply_texts(Session.objects.filter(event__in=events).select_related("track"), session_texts)
        apply_texts(speakers, speaker_texts)
