"""Translations of the demo agendas' session descriptions (``sessions.demo``),
keyed by the description's HTML exactly as the demo generates it: "A {type}
of the {track} track on {title, first letter in lower case unless the
first word is an acronym}." The translations quote the title as
``SESSIONS`` translates it."""

SESSION_DESCRIPTIONS = {
    "<p>Welcome by the host country and the organisers; the Forum's aims for 2026.</p>": {
        "fr": "<p>Allocutions de bienvenue du pays hôte et des organisateurs ; objectifs du Forum pour 2026.</p>",
        "es": "<p>Palabras de bienvenida del país anfitrión y de los organizadores; objetivos del Foro para 2026.</p>",
    },
    # Human rights and AI
    "<p>A keynote of the Human rights and AI track on facial recognition in public spaces: what works.</p>": {
        "fr": "<p>Discours liminaire du volet « Droits de l’homme et IA » sur le thème « Reconnaissance faciale dans l’espace public : ce qui fonctionne ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Derechos humanos e IA» sobre el tema «Reconocimiento facial en los espacios públicos: lo que funciona».</p>",
    },
    "<p>A workshop of the Human rights and AI track on facial recognition in public spaces: the next five years.</p>": {
        "fr": "<p>Atelier du volet « Droits de l’homme et IA » sur le thème « Reconnaissance faciale dans l’espace public : les cinq prochaines années ».</p>",
        "es": "<p>Taller del eje temático «Derechos humanos e IA» sobre el tema «Reconocimiento facial en los espacios públicos: los próximos cinco años».</p>",
    },
    "<p>A panel of the Human rights and AI track on algorithmic decisions in social protection: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Droits de l’homme et IA » sur le thème « Décisions algorithmiques en matière de protection sociale : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Derechos humanos e IA» sobre el tema «Decisiones algorítmicas en la protección social: las voces del Sur Global».</p>",
    },
    "<p>A keynote of the Human rights and AI track on algorithmic decisions in social protection: from principles to practice.</p>": {
        "fr": "<p>Discours liminaire du volet « Droits de l’homme et IA » sur le thème « Décisions algorithmiques en matière de protection sociale : des principes à la pratique ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Derechos humanos e IA» sobre el tema «Decisiones algorítmicas en la protección social: de los principios a la práctica».</p>",
    },
    "<p>A panel of the Human rights and AI track on remedy for people harmed by automated systems: what works.</p>": {
        "fr": "<p>Table ronde du volet « Droits de l’homme et IA » sur le thème « Voies de recours pour les personnes lésées par des systèmes automatisés : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «Derechos humanos e IA» sobre el tema «Vías de reparación para las personas perjudicadas por sistemas automatizados: lo que funciona».</p>",
    },
    "<p>A panel of the Human rights and AI track on remedy for people harmed by automated systems: the next five years.</p>": {
        "fr": "<p>Table ronde du volet « Droits de l’homme et IA » sur le thème « Voies de recours pour les personnes lésées par des systèmes automatisés : les cinq prochaines années ».</p>",
        "es": "<p>Mesa redonda del eje temático «Derechos humanos e IA» sobre el tema «Vías de reparación para las personas perjudicadas por sistemas automatizados: los próximos cinco años».</p>",
    },
    "<p>A workshop of the Human rights and AI track on children's rights in AI-driven services: voices from the Global South.</p>": {
        "fr": "<p>Atelier du volet « Droits de l’homme et IA » sur le thème « Droits de l’enfant et services fondés sur l’IA : les voix du Sud global ».</p>",
        "es": "<p>Taller del eje temático «Derechos humanos e IA» sobre el tema «Derechos del niño en los servicios basados en la IA: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Human rights and AI track on children's rights in AI-driven services: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « Droits de l’homme et IA » sur le thème « Droits de l’enfant et services fondés sur l’IA : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «Derechos humanos e IA» sobre el tema «Derechos del niño en los servicios basados en la IA: de los principios a la práctica».</p>",
    },
    # Gender equality
    "<p>A workshop of the Gender equality track on closing the gender gap in AI careers: what works.</p>": {
        "fr": "<p>Atelier du volet « Égalité des genres » sur le thème « Combler l’écart entre les femmes et les hommes dans les métiers de l’IA : ce qui fonctionne ».</p>",
        "es": "<p>Taller del eje temático «Igualdad de género» sobre el tema «Cerrar la brecha de género en las profesiones de la IA: lo que funciona».</p>",
    },
    "<p>A keynote of the Gender equality track on closing the gender gap in AI careers: the next five years.</p>": {
        "fr": "<p>Discours liminaire du volet « Égalité des genres » sur le thème « Combler l’écart entre les femmes et les hommes dans les métiers de l’IA : les cinq prochaines années ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Igualdad de género» sobre el tema «Cerrar la brecha de género en las profesiones de la IA: los próximos cinco años».</p>",
    },
    "<p>A panel of the Gender equality track on bias audits for hiring algorithms: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Égalité des genres » sur le thème « Audits de biais des algorithmes de recrutement : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Igualdad de género» sobre el tema «Auditorías de sesgos de los algoritmos de contratación: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Gender equality track on bias audits for hiring algorithms: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « Égalité des genres » sur le thème « Audits de biais des algorithmes de recrutement : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «Igualdad de género» sobre el tema «Auditorías de sesgos de los algoritmos de contratación: de los principios a la práctica».</p>",
    },
    "<p>A workshop of the Gender equality track on women founders and AI investment: what works.</p>": {
        "fr": "<p>Atelier du volet « Égalité des genres » sur le thème « Fondatrices d’entreprises et investissement dans l’IA : ce qui fonctionne ».</p>",
        "es": "<p>Taller del eje temático «Igualdad de género» sobre el tema «Mujeres fundadoras e inversión en IA: lo que funciona».</p>",
    },
    "<p>A keynote of the Gender equality track on women founders and AI investment: the next five years.</p>": {
        "fr": "<p>Discours liminaire du volet « Égalité des genres » sur le thème « Fondatrices d’entreprises et investissement dans l’IA : les cinq prochaines années ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Igualdad de género» sobre el tema «Mujeres fundadoras e inversión en IA: los próximos cinco años».</p>",
    },
    "<p>A panel of the Gender equality track on technology-facilitated gender-based violence: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Égalité des genres » sur le thème « Violence fondée sur le genre facilitée par la technologie : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Igualdad de género» sobre el tema «Violencia de género facilitada por la tecnología: las voces del Sur Global».</p>",
    },
    "<p>A keynote of the Gender equality track on technology-facilitated gender-based violence: from principles to practice.</p>": {
        "fr": "<p>Discours liminaire du volet « Égalité des genres » sur le thème « Violence fondée sur le genre facilitée par la technologie : des principes à la pratique ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Igualdad de género» sobre el tema «Violencia de género facilitada por la tecnología: de los principios a la práctica».</p>",
    },
    # Environment and sustainability
    "<p>A keynote of the Environment and sustainability track on the carbon and water footprint of data centres: what works.</p>": {
        "fr": "<p>Discours liminaire du volet « Environnement et durabilité » sur le thème « L’empreinte carbone et hydrique des centres de données : ce qui fonctionne ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Medio ambiente y sostenibilidad» sobre el tema «La huella de carbono e hídrica de los centros de datos: lo que funciona».</p>",
    },
    "<p>A panel of the Environment and sustainability track on the carbon and water footprint of data centres: the next five years.</p>": {
        "fr": "<p>Table ronde du volet « Environnement et durabilité » sur le thème « L’empreinte carbone et hydrique des centres de données : les cinq prochaines années ».</p>",
        "es": "<p>Mesa redonda del eje temático «Medio ambiente y sostenibilidad» sobre el tema «La huella de carbono e hídrica de los centros de datos: los próximos cinco años».</p>",
    },
    "<p>A panel of the Environment and sustainability track on AI for climate adaptation in coastal cities: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Environnement et durabilité » sur le thème « L’IA au service de l’adaptation des villes côtières au changement climatique : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Medio ambiente y sostenibilidad» sobre el tema «La IA al servicio de la adaptación de las ciudades costeras al cambio climático: las voces del Sur Global».</p>",
    },
    "<p>A workshop of the Environment and sustainability track on AI for climate adaptation in coastal cities: from principles to practice.</p>": {
        "fr": "<p>Atelier du volet « Environnement et durabilité » sur le thème « L’IA au service de l’adaptation des villes côtières au changement climatique : des principes à la pratique ».</p>",
        "es": "<p>Taller del eje temático «Medio ambiente y sostenibilidad» sobre el tema «La IA al servicio de la adaptación de las ciudades costeras al cambio climático: de los principios a la práctica».</p>",
    },
    "<p>A keynote of the Environment and sustainability track on measuring the environmental cost of model training: what works.</p>": {
        "fr": "<p>Discours liminaire du volet « Environnement et durabilité » sur le thème « Mesurer le coût environnemental de l’entraînement des modèles : ce qui fonctionne ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Medio ambiente y sostenibilidad» sobre el tema «Medir el costo ambiental del entrenamiento de modelos: lo que funciona».</p>",
    },
    "<p>A workshop of the Environment and sustainability track on measuring the environmental cost of model training: the next five years.</p>": {
        "fr": "<p>Atelier du volet « Environnement et durabilité » sur le thème « Mesurer le coût environnemental de l’entraînement des modèles : les cinq prochaines années ».</p>",
        "es": "<p>Taller del eje temático «Medio ambiente y sostenibilidad» sobre el tema «Medir el costo ambiental del entrenamiento de modelos: los próximos cinco años».</p>",
    },
    "<p>A panel of the Environment and sustainability track on satellite data and biodiversity monitoring: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Environnement et durabilité » sur le thème « Données satellitaires et suivi de la biodiversité : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Medio ambiente y sostenibilidad» sobre el tema «Datos satelitales y seguimiento de la biodiversidad: las voces del Sur Global».</p>",
    },
    "<p>A workshop of the Environment and sustainability track on satellite data and biodiversity monitoring: from principles to practice.</p>": {
        "fr": "<p>Atelier du volet « Environnement et durabilité » sur le thème « Données satellitaires et suivi de la biodiversité : des principes à la pratique ».</p>",
        "es": "<p>Taller del eje temático «Medio ambiente y sostenibilidad» sobre el tema «Datos satelitales y seguimiento de la biodiversidad: de los principios a la práctica».</p>",
    },
    # Neurotechnology
    "<p>A panel of the Neurotechnology track on mental privacy and neural data: what works.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » sur le thème « Vie privée mentale et données neuronales : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» sobre el tema «Privacidad mental y datos neuronales: lo que funciona».</p>",
    },
    "<p>A panel of the Neurotechnology track on mental privacy and neural data: the next five years.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » sur le thème « Vie privée mentale et données neuronales : les cinq prochaines années ».</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» sobre el tema «Privacidad mental y datos neuronales: los próximos cinco años».</p>",
    },
    "<p>A panel of the Neurotechnology track on consumer brain-computer interfaces: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » sur le thème « Interfaces cerveau-machine grand public : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» sobre el tema «Interfaces cerebro-computadora de consumo: las voces del Sur Global».</p>",
    },
    "<p>A keynote of the Neurotechnology track on consumer brain-computer interfaces: from principles to practice.</p>": {
        "fr": "<p>Discours liminaire du volet « Neurotechnologie » sur le thème « Interfaces cerveau-machine grand public : des principes à la pratique ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Neurotecnología» sobre el tema «Interfaces cerebro-computadora de consumo: de los principios a la práctica».</p>",
    },
    "<p>A panel of the Neurotechnology track on neurotechnology in the workplace: what works.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » sur le thème « La neurotechnologie sur le lieu de travail : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» sobre el tema «La neurotecnología en el lugar de trabajo: lo que funciona».</p>",
    },
    "<p>A keynote of the Neurotechnology track on neurotechnology in the workplace: the next five years.</p>": {
        "fr": "<p>Discours liminaire du volet « Neurotechnologie » sur le thème « La neurotechnologie sur le lieu de travail : les cinq prochaines années ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Neurotecnología» sobre el tema «La neurotecnología en el lugar de trabajo: los próximos cinco años».</p>",
    },
    "<p>A panel of the Neurotechnology track on clinical neurotechnology and informed consent: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » sur le thème « Neurotechnologie clinique et consentement éclairé : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» sobre el tema «Neurotecnología clínica y consentimiento informado: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Neurotechnology track on clinical neurotechnology and informed consent: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » sur le thème « Neurotechnologie clinique et consentement éclairé : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» sobre el tema «Neurotecnología clínica y consentimiento informado: de los principios a la práctica».</p>",
    },
    # Generative AI
    "<p>A panel of the Generative AI track on generative AI in classrooms: what works.</p>": {
        "fr": "<p>Table ronde du volet « IA générative » sur le thème « L’IA générative en classe : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «IA generativa» sobre el tema «La IA generativa en las aulas: lo que funciona».</p>",
    },
    "<p>A panel of the Generative AI track on generative AI in classrooms: the next five years.</p>": {
        "fr": "<p>Table ronde du volet « IA générative » sur le thème « L’IA générative en classe : les cinq prochaines années ».</p>",
        "es": "<p>Mesa redonda del eje temático «IA generativa» sobre el tema «La IA generativa en las aulas: los próximos cinco años».</p>",
    },
    "<p>A workshop of the Generative AI track on synthetic media and electoral integrity: voices from the Global South.</p>": {
        "fr": "<p>Atelier du volet « IA générative » sur le thème « Médias synthétiques et intégrité électorale : les voix du Sud global ».</p>",
        "es": "<p>Taller del eje temático «IA generativa» sobre el tema «Medios sintéticos e integridad electoral: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Generative AI track on synthetic media and electoral integrity: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « IA générative » sur le thème « Médias synthétiques et intégrité électorale : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «IA generativa» sobre el tema «Medios sintéticos e integridad electoral: de los principios a la práctica».</p>",
    },
    "<p>A panel of the Generative AI track on copyright, creators and training data: what works.</p>": {
        "fr": "<p>Table ronde du volet « IA générative » sur le thème « Droit d’auteur, créateurs et données d’entraînement : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «IA generativa» sobre el tema «Derechos de autor, creadores y datos de entrenamiento: lo que funciona».</p>",
    },
    "<p>A workshop of the Generative AI track on copyright, creators and training data: the next five years.</p>": {
        "fr": "<p>Atelier du volet « IA générative » sur le thème « Droit d’auteur, créateurs et données d’entraînement : les cinq prochaines années ».</p>",
        "es": "<p>Taller del eje temático «IA generativa» sobre el tema «Derechos de autor, creadores y datos de entrenamiento: los próximos cinco años».</p>",
    },
    "<p>A workshop of the Generative AI track on open and closed foundation models: voices from the Global South.</p>": {
        "fr": "<p>Atelier du volet « IA générative » sur le thème « Modèles de fondation ouverts et fermés : les voix du Sud global ».</p>",
        "es": "<p>Taller del eje temático «IA generativa» sobre el tema «Modelos fundacionales abiertos y cerrados: las voces del Sur Global».</p>",
    },
    "<p>A workshop of the Generative AI track on open and closed foundation models: from principles to practice.</p>": {
        "fr": "<p>Atelier du volet « IA générative » sur le thème « Modèles de fondation ouverts et fermés : des principes à la pratique ».</p>",
        "es": "<p>Taller del eje temático «IA generativa» sobre el tema «Modelos fundacionales abiertos y cerrados: de los principios a la práctica».</p>",
    },
    # Supervisory authorities
    "<p>A workshop of the Supervisory authorities track on building a network of AI supervisory authorities: what works.</p>": {
        "fr": "<p>Atelier du volet « Autorités de contrôle » sur le thème « Bâtir un réseau d’autorités de contrôle de l’IA : ce qui fonctionne ».</p>",
        "es": "<p>Taller del eje temático «Autoridades de supervisión» sobre el tema «Crear una red de autoridades de supervisión de la IA: lo que funciona».</p>",
    },
    "<p>A keynote of the Supervisory authorities track on building a network of AI supervisory authorities: the next five years.</p>": {
        "fr": "<p>Discours liminaire du volet « Autorités de contrôle » sur le thème « Bâtir un réseau d’autorités de contrôle de l’IA : les cinq prochaines années ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Autoridades de supervisión» sobre el tema «Crear una red de autoridades de supervisión de la IA: los próximos cinco años».</p>",
    },
    "<p>A panel of the Supervisory authorities track on sandboxes that regulators can trust: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Autorités de contrôle » sur le thème « Des bacs à sable réglementaires dignes de la confiance des régulateurs : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Autoridades de supervisión» sobre el tema «Espacios controlados de pruebas en los que los reguladores puedan confiar: las voces del Sur Global».</p>",
    },
    "<p>A keynote of the Supervisory authorities track on sandboxes that regulators can trust: from principles to practice.</p>": {
        "fr": "<p>Discours liminaire du volet « Autorités de contrôle » sur le thème « Des bacs à sable réglementaires dignes de la confiance des régulateurs : des principes à la pratique ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Autoridades de supervisión» sobre el tema «Espacios controlados de pruebas en los que los reguladores puedan confiar: de los principios a la práctica».</p>",
    },
    "<p>A panel of the Supervisory authorities track on incident reporting across borders: what works.</p>": {
        "fr": "<p>Table ronde du volet « Autorités de contrôle » sur le thème « Signalement transfrontière des incidents : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «Autoridades de supervisión» sobre el tema «Notificación transfronteriza de incidentes: lo que funciona».</p>",
    },
    "<p>A workshop of the Supervisory authorities track on incident reporting across borders: the next five years.</p>": {
        "fr": "<p>Atelier du volet « Autorités de contrôle » sur le thème « Signalement transfrontière des incidents : les cinq prochaines années ».</p>",
        "es": "<p>Taller del eje temático «Autoridades de supervisión» sobre el tema «Notificación transfronteriza de incidentes: los próximos cinco años».</p>",
    },
    "<p>A workshop of the Supervisory authorities track on inspecting high-risk systems in practice: voices from the Global South.</p>": {
        "fr": "<p>Atelier du volet « Autorités de contrôle » sur le thème « L’inspection des systèmes à haut risque sur le terrain : les voix du Sud global ».</p>",
        "es": "<p>Taller del eje temático «Autoridades de supervisión» sobre el tema «La inspección de los sistemas de alto riesgo sobre el terreno: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Supervisory authorities track on inspecting high-risk systems in practice: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « Autorités de contrôle » sur le thème « L’inspection des systèmes à haut risque sur le terrain : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «Autoridades de supervisión» sobre el tema «La inspección de los sistemas de alto riesgo sobre el terreno: de los principios a la práctica».</p>",
    },
    # Readiness assessment
    "<p>A panel of the Readiness assessment track on lessons from fifty readiness assessments: what works.</p>": {
        "fr": "<p>Table ronde du volet « Évaluation de l’état de préparation » sur le thème « Enseignements tirés de cinquante évaluations de l’état de préparation : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «Evaluación del estadio de preparación» sobre el tema «Lecciones extraídas de cincuenta evaluaciones del estadio de preparación: lo que funciona».</p>",
    },
    "<p>A panel of the Readiness assessment track on lessons from fifty readiness assessments: the next five years.</p>": {
        "fr": "<p>Table ronde du volet « Évaluation de l’état de préparation » sur le thème « Enseignements tirés de cinquante évaluations de l’état de préparation : les cinq prochaines années ».</p>",
        "es": "<p>Mesa redonda del eje temático «Evaluación del estadio de preparación» sobre el tema «Lecciones extraídas de cincuenta evaluaciones del estadio de preparación: los próximos cinco años».</p>",
    },
    "<p>A panel of the Readiness assessment track on from assessment to national AI strategy: voices from the Global South.</p>": {
        "fr": "<p>Table ronde du volet « Évaluation de l’état de préparation » sur le thème « De l’évaluation à la stratégie nationale en matière d’IA : les voix du Sud global ».</p>",
        "es": "<p>Mesa redonda del eje temático «Evaluación del estadio de preparación» sobre el tema «De la evaluación a la estrategia nacional de IA: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Readiness assessment track on from assessment to national AI strategy: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « Évaluation de l’état de préparation » sur le thème « De l’évaluation à la stratégie nationale en matière d’IA : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «Evaluación del estadio de preparación» sobre el tema «De la evaluación a la estrategia nacional de IA: de los principios a la práctica».</p>",
    },
    "<p>A panel of the Readiness assessment track on data infrastructure for small island states: what works.</p>": {
        "fr": "<p>Table ronde du volet « Évaluation de l’état de préparation » sur le thème « Infrastructures de données pour les petits États insulaires : ce qui fonctionne ».</p>",
        "es": "<p>Mesa redonda del eje temático «Evaluación del estadio de preparación» sobre el tema «Infraestructura de datos para los pequeños Estados insulares: lo que funciona».</p>",
    },
    "<p>A keynote of the Readiness assessment track on data infrastructure for small island states: the next five years.</p>": {
        "fr": "<p>Discours liminaire du volet « Évaluation de l’état de préparation » sur le thème « Infrastructures de données pour les petits États insulaires : les cinq prochaines années ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Evaluación del estadio de preparación» sobre el tema «Infraestructura de datos para los pequeños Estados insulares: los próximos cinco años».</p>",
    },
    "<p>A keynote of the Readiness assessment track on skills and institutions: what readiness really needs: voices from the Global South.</p>": {
        "fr": "<p>Discours liminaire du volet « Évaluation de l’état de préparation » sur le thème « Compétences et institutions, véritables piliers de la préparation : les voix du Sud global ».</p>",
        "es": "<p>Conferencia magistral del eje temático «Evaluación del estadio de preparación» sobre el tema «Competencias e instituciones, verdaderos pilares de la preparación: las voces del Sur Global».</p>",
    },
    "<p>A panel of the Readiness assessment track on skills and institutions: what readiness really needs: from principles to practice.</p>": {
        "fr": "<p>Table ronde du volet « Évaluation de l’état de préparation » sur le thème « Compétences et institutions, véritables piliers de la préparation : des principes à la pratique ».</p>",
        "es": "<p>Mesa redonda del eje temático «Evaluación del estadio de preparación» sobre el tema «Competencias e instituciones, verdaderos pilares de la preparación: de los principios a la práctica».</p>",
    },
    # Breakout slots left over once the generated titles run out.
    "<p>A keynote of the Environment and sustainability track on open session 2-1.</p>": {
        "fr": "<p>Discours liminaire du volet « Environnement et durabilité » (séance ouverte 2-1).</p>",
        "es": "<p>Conferencia magistral del eje temático «Medio ambiente y sostenibilidad» (sesión abierta 2-1).</p>",
    },
    "<p>A panel of the Generative AI track on open session 2-1.</p>": {
        "fr": "<p>Table ronde du volet « IA générative » (séance ouverte 2-1).</p>",
        "es": "<p>Mesa redonda del eje temático «IA generativa» (sesión abierta 2-1).</p>",
    },
    "<p>A panel of the Neurotechnology track on open session 2-1.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » (séance ouverte 2-1).</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» (sesión abierta 2-1).</p>",
    },
    "<p>A workshop of the Supervisory authorities track on open session 2-1.</p>": {
        "fr": "<p>Atelier du volet « Autorités de contrôle » (séance ouverte 2-1).</p>",
        "es": "<p>Taller del eje temático «Autoridades de supervisión» (sesión abierta 2-1).</p>",
    },
    "<p>A keynote of the Gender equality track on open session 2-2.</p>": {
        "fr": "<p>Discours liminaire du volet « Égalité des genres » (séance ouverte 2-2).</p>",
        "es": "<p>Conferencia magistral del eje temático «Igualdad de género» (sesión abierta 2-2).</p>",
    },
    "<p>A keynote of the Supervisory authorities track on open session 2-2.</p>": {
        "fr": "<p>Discours liminaire du volet « Autorités de contrôle » (séance ouverte 2-2).</p>",
        "es": "<p>Conferencia magistral del eje temático «Autoridades de supervisión» (sesión abierta 2-2).</p>",
    },
    "<p>A panel of the Environment and sustainability track on open session 2-2.</p>": {
        "fr": "<p>Table ronde du volet « Environnement et durabilité » (séance ouverte 2-2).</p>",
        "es": "<p>Mesa redonda del eje temático «Medio ambiente y sostenibilidad» (sesión abierta 2-2).</p>",
    },
    "<p>A panel of the Neurotechnology track on open session 2-2.</p>": {
        "fr": "<p>Table ronde du volet « Neurotechnologie » (séance ouverte 2-2).</p>",
        "es": "<p>Mesa redonda del eje temático «Neurotecnología» (sesión abierta 2-2).</p>",
    },
    "<p>A workshop of the Generative AI track on open session 2-2.</p>": {
        "fr": "<p>Atelier du volet « IA générative » (séance ouverte 2-2).</p>",
        "es": "<p>Taller del eje temático «IA generativa» (sesión abierta 2-2).</p>",
    },
    "<p>A workshop of the Human rights and AI track on open session 2-2.</p>": {
        "fr": "<p>Atelier du volet « Droits de l’homme et IA » (séance ouverte 2-2).</p>",
        "es": "<p>Taller del eje temático «Derechos humanos e IA» (sesión abierta 2-2).</p>",
    },
    "<p>A keynote of the Generative AI track on open session 2-3.</p>": {
        "fr": "<p>Discours liminaire du volet « IA générative » (séance ouverte 2-3).</p>",
        "es": "<p>Conferencia magistral del eje temático «IA generativa» (sesión abierta 2-3).</p>",
    },
    "<p>A keynote of the Human rights and AI track on open session 2-3.</p>": {
        "fr": "<p>Discours liminaire du volet « Droits de l’homme et IA » (séance ouverte 2-3).</p>",
        "es": "<p>Conferencia magistral del eje temático «Derechos humanos e IA» (sesión abierta 2-3).</p>",
    },
    "<p>A panel of the Environment and sustainability track on open session 2-3.</p>": {
        "fr": "<p>Table ronde du volet « Environnement et durabilité » (séance ouverte 2-3).</p>",
        "es": "<p>Mesa redonda del eje temático «Medio ambiente y sostenibilidad» (sesión abierta 2-3).</p>",
    },
    "<p>A panel of the Gender equality track on open session 2-3.</p>": {
        "fr": "<p>Table ronde du volet « Égalité des genres » (séance ouverte 2-3).</p>",
        "es": "<p>Mesa redonda del eje temático «Igualdad de género» (sesión abierta 2-3).</p>",
    },
    "<p>A panel of the Supervisory authorities track on open session 2-3.</p>": {
        "fr": "<p>Table ronde du volet « Autorités de contrôle » (séance ouverte 2-3).</p>",
        "es": "<p>Mesa redonda del eje temático «Autoridades de supervisión» (sesión abierta 2-3).</p>",
    },
    "<p>A workshop of the Neurotechnology track on open session 2-3.</p>": {
        "fr": "<p>Atelier du volet « Neurotechnologie » (séance ouverte 2-3).</p>",
        "es": "<p>Taller del eje temático «Neurotecnología» (sesión abierta 2-3).</p>",
    },
}
