"""Translations of the demo's pages and site settings (``home.demo``)."""

PAGES = {
    "home": {
        "fr": {
            "title": "Forum mondial sur l’éthique de l’IA",
            "body": {
                "hero": {
                    "title": "Forum mondial sur l’éthique de l’IA 2026",
                    "text": "Bangkok, du 8 au 10 décembre 2026. Ministres, autorités de régulation, communauté "
                    "scientifique et société civile façonnent ensemble la gouvernance de l’intelligence artificielle.",
                },
                "featured_events": {"title": "Prochains événements"},
                "call_to_action": {
                    "title": "Participez au Forum",
                    "text": "L’inscription est ouverte aux délégations des États membres, au système des Nations Unies, "
                    "à la société civile, au monde universitaire, au secteur privé et à la presse.",
                    "button_label": "Voir l’événement",
                },
            },
        },
        "es": {
            "title": "Foro Mundial sobre la Ética de la IA",
            "body": {
                "hero": {
                    "title": "Foro Mundial sobre la Ética de la IA 2026",
                    "text": "Bangkok, del 8 al 10 de diciembre de 2026. Ministros y ministras, organismos reguladores, "
                    "comunidad científica y sociedad civil dan forma a la gobernanza de la inteligencia artificial.",
                },
                "featured_events": {"title": "Próximos eventos"},
                "call_to_action": {
                    "title": "Participe en el Foro",
                    "text": "La inscripción está abierta a las delegaciones de los Estados Miembros, el sistema de las "
                    "Naciones Unidas, la sociedad civil, el mundo académico, el sector privado y la prensa.",
                    "button_label": "Ver el evento",
                },
            },
        },
    },
    "events": {
        "fr": {
            "title": "Événements",
            "intro": "<p>Forums, dialogues sur les politiques et ateliers d’experts consacrés à l’éthique de "
            "l’intelligence artificielle.</p>",
        },
        "es": {
            "title": "Eventos",
            "intro": "<p>Foros, diálogos sobre políticas y talleres de expertos dedicados a la ética de la "
            "inteligencia artificial.</p>",
        },
    },
    "global-forum-ethics-ai-2026": {
        "fr": {
            "title": "Forum mondial sur l’éthique de l’IA 2026",
            "intro": "Trois jours de débats entre ministres, autorités de régulation, chercheurs, société civile et "
            "secteur privé sur la manière de gouverner l’intelligence artificielle dans le respect de l’éthique.",
        },
        "es": {
            "title": "Foro Mundial sobre la Ética de la IA 2026",
            "intro": "Tres días de debate entre ministros, organismos reguladores, investigadores, sociedad civil e "
            "industria sobre cómo gobernar la inteligencia artificial de manera ética.",
        },
    },
    "policy-dialogue-neurotechnology": {
        "fr": {
            "title": "Dialogue sur les politiques : neurotechnologie et droits de l’homme",
            "intro": "Un dialogue à huis clos entre autorités de régulation et neuroscientifiques sur la vie privée "
            "mentale.",
            "venue_name": "Bâtiment Fontenoy, salle IX",
            "venue_city": "Paris",
        },
        "es": {
            "title": "Diálogo sobre Políticas: Neurotecnología y Derechos Humanos",
            "intro": "Un diálogo a puerta cerrada entre organismos reguladores y neurocientíficos sobre la "
            "privacidad mental.",
            "venue_name": "Edificio Fontenoy, sala IX",
            "venue_city": "París",
        },
    },
    "about": {
        "fr": {
            "title": "À propos du Forum",
            "intro": "Le Forum réunit les États membres et les parties prenantes afin de mettre en œuvre la "
            "Recommandation sur l’éthique de l’intelligence artificielle.",
        },
        "es": {
            "title": "Acerca del Foro",
            "intro": "El Foro reúne a los Estados Miembros y a las partes interesadas para poner en práctica la "
            "Recomendación sobre la Ética de la Inteligencia Artificial.",
        },
    },
    "privacy": {
        "fr": {
            "title": "Déclaration de confidentialité",
            "intro": "Comment nous traitons les données personnelles des participants et des intervenants.",
            "body": {
                "paragraph": "<p>Nous ne traitons les données d’inscription qu’aux fins de l’organisation de "
                "l’événement. Les données personnelles ne sont communiquées qu’aux organisateurs qui en ont besoin "
                "et sont supprimées douze mois après l’événement.</p>",
            },
        },
        "es": {
            "title": "Aviso de privacidad",
            "intro": "Cómo tratamos los datos personales de los participantes y los ponentes.",
            "body": {
                "paragraph": "<p>Solo tratamos los datos de inscripción para organizar el evento. Los datos "
                "personales solo se muestran a los organizadores que los necesitan y se eliminan doce meses después "
                "del evento.</p>",
            },
        },
    },
}

SITE_SETTINGS = {
    "organisation_name": {"fr": "Forum sur l’éthique de l’IA", "es": "Foro sobre la Ética de la IA"},
    "footer_text": {
        "fr": "Un forum intergouvernemental sur l’éthique de l’intelligence artificielle.",
        "es": "Un foro intergubernamental sobre la ética de la inteligencia artificial.",
    },
}

FOOTER_LINKS = {
    "Privacy notice": {"fr": "Déclaration de confidentialité", "es": "Aviso de privacidad"},
    "About": {"fr": "À propos", "es": "Acerca de"},
}
