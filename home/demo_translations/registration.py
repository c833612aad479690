"""Translations of the demo's registration categories and questions
(``registration.demo``)."""

CATEGORIES = {
    "Member State delegation": {"fr": "Délégation d’un État membre", "es": "Delegación de un Estado Miembro"},
    "UN system and IGOs": {
        "fr": "Système des Nations Unies et organisations intergouvernementales",
        "es": "Sistema de las Naciones Unidas y organizaciones intergubernamentales",
    },
    "Civil society": {"fr": "Société civile", "es": "Sociedad civil"},
    "Academia": {"fr": "Monde universitaire", "es": "Mundo académico"},
    "Private sector": {"fr": "Secteur privé", "es": "Sector privado"},
    "Media": {"fr": "Médias", "es": "Medios de comunicación"},
    "Speaker": {"fr": "Intervenant(e)", "es": "Ponente"},
    "Staff": {"fr": "Personnel", "es": "Personal"},
}

QUESTIONS = {
    "Which themes interest you most?": {
        "fr": {
            "label": "Quels thèmes vous intéressent le plus ?",
            "choices": "Gouvernance\nSanté\nÉducation\nEnvironnement\nÉgalité des genres",
        },
        "es": {
            "label": "¿Qué temas le interesan más?",
            "choices": "Gobernanza\nSalud\nEducación\nMedio ambiente\nIgualdad de género",
        },
    },
    "Will you attend the opening reception?": {
        "fr": {"label": "Assisterez-vous à la réception d’ouverture ?"},
        "es": {"label": "¿Asistirá a la recepción de apertura?"},
    },
    "What would you like the dialogue to address?": {
        "fr": {"label": "Quelles questions souhaiteriez-vous voir abordées lors du dialogue ?"},
        "es": {"label": "¿Qué cuestiones desearía que se abordaran en el diálogo?"},
    },
}
