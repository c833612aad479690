"""Translations of the demo agendas' session titles (``sessions.demo``).
Rooms and tracks are in ``rooms``, session descriptions in
``session_descriptions``."""

SESSIONS = {
    # The Forum's fixed sessions.
    "Opening plenary: governing AI for people and planet": {
        "fr": {"title": "Séance plénière d’ouverture : gouverner l’IA au service des personnes et de la planète"},
        "es": {"title": "Sesión plenaria de apertura: gobernar la IA al servicio de las personas y el planeta"},
    },
    "Morning keynote: the state of AI governance": {
        "fr": {"title": "Discours liminaire du matin : l’état de la gouvernance de l’IA"},
        "es": {"title": "Conferencia magistral matutina: el estado de la gobernanza de la IA"},
    },
    "Morning keynote: AI and the planet": {
        "fr": {"title": "Discours liminaire du matin : l’IA et la planète"},
        "es": {"title": "Conferencia magistral matutina: la IA y el planeta"},
    },
    "Lunch": {"fr": {"title": "Déjeuner"}, "es": {"title": "Almuerzo"}},
    "Welcome reception": {"fr": {"title": "Réception de bienvenue"}, "es": {"title": "Recepción de bienvenida"}},
    "Side event: youth voices on AI": {
        "fr": {"title": "Manifestation parallèle : la parole aux jeunes sur l’IA"},
        "es": {"title": "Evento paralelo: las voces de la juventud sobre la IA"},
    },
    "Closing plenary and outcomes": {
        "fr": {"title": "Séance plénière de clôture et présentation des résultats"},
        "es": {"title": "Sesión plenaria de clausura y presentación de resultados"},
    },
    "Ministerial round table (Chatham House rule)": {
        "fr": {"title": "Table ronde ministérielle (règle de Chatham House)"},
        "es": {"title": "Mesa redonda ministerial (regla de Chatham House)"},
    },
    # Generated "{topic}: {angle}" titles, by track and topic.
    "Facial recognition in public spaces: what works": {
        "fr": {"title": "Reconnaissance faciale dans l’espace public : ce qui fonctionne"},
        "es": {"title": "Reconocimiento facial en los espacios públicos: lo que funciona"},
    },
    "Facial recognition in public spaces: the next five years": {
        "fr": {"title": "Reconnaissance faciale dans l’espace public : les cinq prochaines années"},
        "es": {"title": "Reconocimiento facial en los espacios públicos: los próximos cinco años"},
    },
    "Algorithmic decisions in social protection: voices from the Global South": {
        "fr": {"title": "Décisions algorithmiques en matière de protection sociale : les voix du Sud global"},
        "es": {"title": "Decisiones algorítmicas en la protección social: las voces del Sur Global"},
    },
    "Algorithmic decisions in social protection: from principles to practice": {
        "fr": {"title": "Décisions algorithmiques en matière de protection sociale : des principes à la pratique"},
        "es": {"title": "Decisiones algorítmicas en la protección social: de los principios a la práctica"},
    },
    "Remedy for people harmed by automated systems: what works": {
        "fr": {"title": "Voies de recours pour les personnes lésées par des systèmes automatisés : ce qui fonctionne"},
        "es": {
            "title": "Vías de reparación para las personas perjudicadas por sistemas automatizados: lo que funciona"
        },
    },
    "Remedy for people harmed by automated systems: the next five years": {
        "fr": {
            "title": "Voies de recours pour les personnes lésées par des systèmes automatisés : les cinq prochaines années"
        },
        "es": {
            "title": "Vías de reparación para las personas perjudicadas por sistemas automatizados: los próximos cinco años"
        },
    },
    "Children's rights in AI-driven services: voices from the Global South": {
        "fr": {"title": "Droits de l’enfant et services fondés sur l’IA : les voix du Sud global"},
        "es": {"title": "Derechos del niño en los servicios basados en la IA: las voces del Sur Global"},
    },
    "Children's rights in AI-driven services: from principles to practice": {
        "fr": {"title": "Droits de l’enfant et services fondés sur l’IA : des principes à la pratique"},
        "es": {"title": "Derechos del niño en los servicios basados en la IA: de los principios a la práctica"},
    },
    "Closing the gender gap in AI careers: what works": {
        "fr": {"title": "Combler l’écart entre les femmes et les hommes dans les métiers de l’IA : ce qui fonctionne"},
        "es": {"title": "Cerrar la brecha de género en las profesiones de la IA: lo que funciona"},
    },
    "Closing the gender gap in AI careers: the next five years": {
        "fr": {
            "title": "Combler l’écart entre les femmes et les hommes dans les métiers de l’IA : les cinq prochaines années"
        },
        "es": {"title": "Cerrar la brecha de género en las profesiones de la IA: los próximos cinco años"},
    },
    "Bias audits for hiring algorithms: voices from the Global South": {
        "fr": {"title": "Audits de biais des algorithmes de recrutement : les voix du Sud global"},
        "es": {"title": "Auditorías de sesgos de los algoritmos de contratación: las voces del Sur Global"},
    },
    "Bias audits for hiring algorithms: from principles to practice": {
        "fr": {"title": "Audits de biais des algorithmes de recrutement : des principes à la pratique"},
        "es": {"title": "Auditorías de sesgos de los algoritmos de contratación: de los principios a la práctica"},
    },
    "Women founders and AI investment: what works": {
        "fr": {"title": "Fondatrices d’entreprises et investissement dans l’IA : ce qui fonctionne"},
        "es": {"title": "Mujeres fundadoras e inversión en IA: lo que funciona"},
    },
    "Women founders and AI investment: the next five years": {
        "fr": {"title": "Fondatrices d’entreprises et investissement dans l’IA : les cinq prochaines années"},
        "es": {"title": "Mujeres fundadoras e inversión en IA: los próximos cinco años"},
    },
    "Technology-facilitated gender-based violence: voices from the Global South": {
        "fr": {"title": "Violence fondée sur le genre facilitée par la technologie : les voix du Sud global"},
        "es": {"title": "Violencia de género facilitada por la tecnología: las voces del Sur Global"},
    },
    "Technology-facilitated gender-based violence: from principles to practice": {
        "fr": {"title": "Violence fondée sur le genre facilitée par la technologie : des principes à la pratique"},
        "es": {"title": "Violencia de género facilitada por la tecnología: de los principios a la práctica"},
    },
    "The carbon and water footprint of data centres: what works": {
        "fr": {"title": "L’empreinte carbone et hydrique des centres de données : ce qui fonctionne"},
        "es": {"title": "La huella de carbono e hídrica de los centros de datos: lo que funciona"},
    },
    "The carbon and water footprint of data centres: the next five years": {
        "fr": {"title": "L’empreinte carbone et hydrique des centres de données : les cinq prochaines années"},
        "es": {"title": "La huella de carbono e hídrica de los centros de datos: los próximos cinco años"},
    },
    "AI for climate adaptation in coastal cities: voices from the Global South": {
        "fr": {
            "title": "L’IA au service de l’adaptation des villes côtières au changement climatique : les voix du Sud global"
        },
        "es": {
            "title": "La IA al servicio de la adaptación de las ciudades costeras al cambio climático: las voces del Sur Global"
        },
    },
    "AI for climate adaptation in coastal cities: from principles to practice": {
        "fr": {
            "title": "L’IA au service de l’adaptation des villes côtières au changement climatique : des principes à la pratique"
        },
        "es": {
            "title": "La IA al servicio de la adaptación de las ciudades costeras al cambio climático: de los principios a la práctica"
        },
    },
    "Measuring the environmental cost of model training: what works": {
        "fr": {"title": "Mesurer le coût environnemental de l’entraînement des modèles : ce qui fonctionne"},
        "es": {"title": "Medir el costo ambiental del entrenamiento de modelos: lo que funciona"},
    },
    "Measuring the environmental cost of model training: the next five years": {
        "fr": {"title": "Mesurer le coût environnemental de l’entraînement des modèles : les cinq prochaines années"},
        "es": {"title": "Medir el costo ambiental del entrenamiento de modelos: los próximos cinco años"},
    },
    "Satellite data and biodiversity monitoring: voices from the Global South": {
        "fr": {"title": "Données satellitaires et suivi de la biodiversité : les voix du Sud global"},
        "es": {"title": "Datos satelitales y seguimiento de la biodiversidad: las voces del Sur Global"},
    },
    "Satellite data and biodiversity monitoring: from principles to practice": {
        "fr": {"title": "Données satellitaires et suivi de la biodiversité : des principes à la pratique"},
        "es": {"title": "Datos satelitales y seguimiento de la biodiversidad: de los principios a la práctica"},
    },
    "Mental privacy and neural data: what works": {
        "fr": {"title": "Vie privée mentale et données neuronales : ce qui fonctionne"},
        "es": {"title": "Privacidad mental y datos neuronales: lo que funciona"},
    },
    "Mental privacy and neural data: the next five years": {
        "fr": {"title": "Vie privée mentale et données neuronales : les cinq prochaines années"},
        "es": {"title": "Privacidad mental y datos neuronales: los próximos cinco años"},
    },
    "Consumer brain-computer interfaces: voices from the Global South": {
        "fr": {"title": "Interfaces cerveau-machine grand public : les voix du Sud global"},
        "es": {"title": "Interfaces cerebro-computadora de consumo: las voces del Sur Global"},
    },
    "Consumer brain-computer interfaces: from principles to practice": {
        "fr": {"title": "Interfaces cerveau-machine grand public : des principes à la pratique"},
        "es": {"title": "Interfaces cerebro-computadora de consumo: de los principios a la práctica"},
    },
    "Neurotechnology in the workplace: what works": {
        "fr": {"title": "La neurotechnologie sur le lieu de travail : ce qui fonctionne"},
        "es": {"title": "La neurotecnología en el lugar de trabajo: lo que funciona"},
    },
    "Neurotechnology in the workplace: the next five years": {
        "fr": {"title": "La neurotechnologie sur le lieu de travail : les cinq prochaines années"},
        "es": {"title": "La neurotecnología en el lugar de trabajo: los próximos cinco años"},
    },
    "Clinical neurotechnology and informed consent: voices from the Global South": {
        "fr": {"title": "Neurotechnologie clinique et consentement éclairé : les voix du Sud global"},
        "es": {"title": "Neurotecnología clínica y consentimiento informado: las voces del Sur Global"},
    },
    "Clinical neurotechnology and informed consent: from principles to practice": {
        "fr": {"title": "Neurotechnologie clinique et consentement éclairé : des principes à la pratique"},
        "es": {"title": "Neurotecnología clínica y consentimiento informado: de los principios a la práctica"},
    },
    "Generative AI in classrooms: what works": {
        "fr": {"title": "L’IA générative en classe : ce qui fonctionne"},
        "es": {"title": "La IA generativa en las aulas: lo que funciona"},
    },
    "Generative AI in classrooms: the next five years": {
        "fr": {"title": "L’IA générative en classe : les cinq prochaines années"},
        "es": {"title": "La IA generativa en las aulas: los próximos cinco años"},
    },
    "Synthetic media and electoral integrity: voices from the Global South": {
        "fr": {"title": "Médias synthétiques et intégrité électorale : les voix du Sud global"},
        "es": {"title": "Medios sintéticos e integridad electoral: las voces del Sur Global"},
    },
    "Synthetic media and electoral integrity: from principles to practice": {
        "fr": {"title": "Médias synthétiques et intégrité électorale : des principes à la pratique"},
        "es": {"title": "Medios sintéticos e integridad electoral: de los principios a la práctica"},
    },
    "Copyright, creators and training data: what works": {
        "fr": {"title": "Droit d’auteur, créateurs et données d’entraînement : ce qui fonctionne"},
        "es": {"title": "Derechos de autor, creadores y datos de entrenamiento: lo que funciona"},
    },
    "Copyright, creators and training data: the next five years": {
        "fr": {"title": "Droit d’auteur, créateurs et données d’entraînement : les cinq prochaines années"},
        "es": {"title": "Derechos de autor, creadores y datos de entrenamiento: los próximos cinco años"},
    },
    "Open and closed foundation models: voices from the Global South": {
        "fr": {"title": "Modèles de fondation ouverts et fermés : les voix du Sud global"},
        "es": {"title": "Modelos fundacionales abiertos y cerrados: las voces del Sur Global"},
    },
    "Open and closed foundation models: from principles to practice": {
        "fr": {"title": "Modèles de fondation ouverts et fermés : des principes à la pratique"},
        "es": {"title": "Modelos fundacionales abiertos y cerrados: de los principios a la práctica"},
    },
    "Building a network of AI supervisory authorities: what works": {
        "fr": {"title": "Bâtir un réseau d’autorités de contrôle de l’IA : ce qui fonctionne"},
        "es": {"title": "Crear una red de autoridades de supervisión de la IA: lo que funciona"},
    },
    "Sandboxes that regulators can trust: voices from the Global South": {
        "fr": {
            "title": "Des bacs à sable réglementaires dignes de la confiance des régulateurs : les voix du Sud global"
        },
        "es": {
            "title": "Espacios controlados de pruebas en los que los reguladores puedan confiar: las voces del Sur Global"
        },
    },
    "Sandboxes that regulators can trust: from principles to practice": {
        "fr": {
            "title": "Des bacs à sable réglementaires dignes de la confiance des régulateurs : des principes à la pratique"
        },
        "es": {
            "title": "Espacios controlados de pruebas en los que los reguladores puedan confiar: de los principios a la práctica"
        },
    },
    "Incident reporting across borders: what works": {
        "fr": {"title": "Signalement transfrontière des incidents : ce qui fonctionne"},
        "es": {"title": "Notificación transfronteriza de incidentes: lo que funciona"},
    },
    "Incident reporting across borders: the next five years": {
        "fr": {"title": "Signalement transfrontière des incidents : les cinq prochaines années"},
        "es": {"title": "Notificación transfronteriza de incidentes: los próximos cinco años"},
    },
    "Inspecting high-risk systems in practice: voices from the Global South": {
        "fr": {"title": "L’inspection des systèmes à haut risque sur le terrain : les voix du Sud global"},
        "es": {"title": "La inspección de los sistemas de alto riesgo sobre el terreno: las voces del Sur Global"},
    },
    "Inspecting high-risk systems in practice: from principles to practice": {
        "fr": {"title": "L’inspection des systèmes à haut risque sur le terrain : des principes à la pratique"},
        "es": {
            "title": "La inspección de los sistemas de alto riesgo sobre el terreno: de los principios a la práctica"
        },
    },
    "Lessons from fifty readiness assessments: what works": {
        "fr": {"title": "Enseignements tirés de cinquante évaluations de l’état de préparation : ce qui fonctionne"},
        "es": {"title": "Lecciones extraídas de cincuenta evaluaciones del estadio de preparación: lo que funciona"},
    },
    "Lessons from fifty readiness assessments: the next five years": {
        "fr": {
            "title": "Enseignements tirés de cinquante évaluations de l’état de préparation : les cinq prochaines années",
            "cancellation_reason": "Cette table ronde a été fusionnée avec la séance consacrée aux autorités de contrôle.",
        },
        "es": {
            "title": "Lecciones extraídas de cincuenta evaluaciones del estadio de preparación: los próximos cinco años",
            "cancellation_reason": "Esta mesa redonda se ha fusionado con la sesión dedicada a las autoridades de supervisión.",
        },
    },
    "From assessment to national AI strategy: voices from the Global South": {
        "fr": {"title": "De l’évaluation à la stratégie nationale en matière d’IA : les voix du Sud global"},
        "es": {"title": "De la evaluación a la estrategia nacional de IA: las voces del Sur Global"},
    },
    "From assessment to national AI strategy: from principles to practice": {
        "fr": {"title": "De l’évaluation à la stratégie nationale en matière d’IA : des principes à la pratique"},
        "es": {"title": "De la evaluación a la estrategia nacional de IA: de los principios a la práctica"},
    },
    "Data infrastructure for small island states: what works": {
        "fr": {"title": "Infrastructures de données pour les petits États insulaires : ce qui fonctionne"},
        "es": {"title": "Infraestructura de datos para los pequeños Estados insulares: lo que funciona"},
    },
    "Data infrastructure for small island states: the next five years": {
        "fr": {"title": "Infrastructures de données pour les petits États insulaires : les cinq prochaines années"},
        "es": {"title": "Infraestructura de datos para los pequeños Estados insulares: los próximos cinco años"},
    },
    "Skills and institutions: what readiness really needs: voices from the Global South": {
        "fr": {"title": "Compétences et institutions, véritables piliers de la préparation : les voix du Sud global"},
        "es": {"title": "Competencias e instituciones, verdaderos pilares de la preparación: las voces del Sur Global"},
    },
    "Skills and institutions: what readiness really needs: from principles to practice": {
        "fr": {
            "title": "Compétences et institutions, véritables piliers de la préparation : des principes à la pratique"
        },
        "es": {
            "title": "Competencias e instituciones, verdaderos pilares de la preparación: de los principios a la práctica"
        },
    },
    # Breakout slots left over once the generated titles run out.
    "Open session 2-1": {"fr": {"title": "Séance ouverte 2-1"}, "es": {"title": "Sesión abierta 2-1"}},
    "Open session 2-2": {"fr": {"title": "Séance ouverte 2-2"}, "es": {"title": "Sesión abierta 2-2"}},
    "Open session 2-3": {"fr": {"title": "Séance ouverte 2-3"}, "es": {"title": "Sesión abierta 2-3"}},
    # The policy dialogue.
    "Opening: why mental privacy matters now": {
        "fr": {"title": "Ouverture : pourquoi la vie privée mentale est un enjeu d’actualité"},
        "es": {"title": "Apertura: por qué la privacidad mental es hoy una cuestión prioritaria"},
    },
    "What neural data reveals": {
        "fr": {"title": "Ce que révèlent les données neuronales"},
        "es": {"title": "Lo que revelan los datos neuronales"},
    },
    "Regulators' round table": {
        "fr": {"title": "Table ronde des autorités de régulation"},
        "es": {"title": "Mesa redonda de los organismos reguladores"},
    },
    "Drafting principles for consumer neurotechnology": {
        "fr": {"title": "Élaboration de principes pour la neurotechnologie grand public"},
        "es": {"title": "Elaboración de principios para la neurotecnología de consumo"},
    },
    "Conclusions and next steps": {
        "fr": {"title": "Conclusions et prochaines étapes"},
        "es": {"title": "Conclusiones y próximos pasos"},
    },
}
