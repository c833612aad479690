"""Translations of the demo agendas' rooms and tracks (``sessions.demo``)."""

# Floors that are numbers ("1", "2") read the same in every language.
ROOMS = {
    "Plenary Hall": {
        "fr": {
            "name": "Salle plénière",
            "floor": "Rez-de-chaussée",
            "accessibility_notes": "Accès de plain-pied ; boucle d’induction magnétique ; emplacements pour "
            "fauteuils roulants au rang A.",
        },
        "es": {
            "name": "Sala plenaria",
            "floor": "Planta baja",
            "accessibility_notes": "Acceso sin escalones; bucle de inducción magnética; espacios para sillas de "
            "ruedas en la fila A.",
        },
    },
    "Sapphire Room": {
        "fr": {"name": "Salle Saphir", "floor": "1", "accessibility_notes": "Accès sans marche par l’ascenseur B."},
        "es": {"name": "Sala Zafiro", "floor": "1", "accessibility_notes": "Acceso sin escalones por el ascensor B."},
    },
    "Emerald Room": {
        "fr": {"name": "Salle Émeraude", "floor": "1", "accessibility_notes": "Accès sans marche par l’ascenseur B."},
        "es": {
            "name": "Sala Esmeralda",
            "floor": "1",
            "accessibility_notes": "Acceso sin escalones por el ascensor B.",
        },
    },
    "Ruby Room": {
        "fr": {"name": "Salle Rubis", "floor": "2", "accessibility_notes": "Accès sans marche par l’ascenseur C."},
        "es": {"name": "Sala Rubí", "floor": "2", "accessibility_notes": "Acceso sin escalones por el ascensor C."},
    },
    "Jade Room": {
        "fr": {"name": "Salle Jade", "floor": "2", "accessibility_notes": "Accès sans marche par l’ascenseur C."},
        "es": {"name": "Sala Jade", "floor": "2", "accessibility_notes": "Acceso sin escalones por el ascensor C."},
    },
    "Lotus Room": {
        "fr": {
            "name": "Salle Lotus",
            "floor": "3",
            "accessibility_notes": "Accès sans marche par l’ascenseur C ; espace calme attenant.",
        },
        "es": {
            "name": "Sala Loto",
            "floor": "3",
            "accessibility_notes": "Acceso sin escalones por el ascensor C; sala tranquila contigua.",
        },
    },
    "Orchid Room": {
        "fr": {"name": "Salle Orchidée", "floor": "3", "accessibility_notes": "Accès sans marche par l’ascenseur C."},
        "es": {"name": "Sala Orquídea", "floor": "3", "accessibility_notes": "Acceso sin escalones por el ascensor C."},
    },
    "Teak Room": {
        "fr": {"name": "Salle Teck", "floor": "3", "accessibility_notes": "Accès sans marche par l’ascenseur C."},
        "es": {"name": "Sala Teca", "floor": "3", "accessibility_notes": "Acceso sin escalones por el ascensor C."},
    },
    "Exhibition Foyer": {
        "fr": {
            "name": "Foyer des expositions",
            "floor": "Rez-de-chaussée",
            "accessibility_notes": "Accès de plain-pied ; places assises disponibles.",
        },
        "es": {
            "name": "Vestíbulo de exposiciones",
            "floor": "Planta baja",
            "accessibility_notes": "Acceso sin escalones; asientos disponibles.",
        },
    },
    # The policy dialogue's rooms, at headquarters.
    "Room IX": {"fr": {"name": "Salle IX", "floor": "2"}, "es": {"name": "Sala IX", "floor": "2"}},
    "Room X": {"fr": {"name": "Salle X", "floor": "2"}, "es": {"name": "Sala X", "floor": "2"}},
}

# The Forum's seven tracks; the policy dialogue's one track is "Neurotechnology".
TRACKS = {
    "Human rights and AI": {"fr": "Droits de l’homme et IA", "es": "Derechos humanos e IA"},
    "Gender equality": {"fr": "Égalité des genres", "es": "Igualdad de género"},
    "Environment and sustainability": {"fr": "Environnement et durabilité", "es": "Medio ambiente y sostenibilidad"},
    "Neurotechnology": {"fr": "Neurotechnologie", "es": "Neurotecnología"},
    "Generative AI": {"fr": "IA générative", "es": "IA generativa"},
    "Supervisory authorities": {"fr": "Autorités de contrôle", "es": "Autoridades de supervisión"},
    "Readiness assessment": {
        "fr": "Évaluation de l’état de préparation",
        "es": "Evaluación del estadio de preparación",
    },
}
