"""Translations of the demo speakers' positions and biographies
(``sessions.demo``). Names and the organisations' proper names are kept;
only the generic government bodies, which have no proper name, are
translated (``SPEAKER_ORGANISATIONS``)."""

SPEAKER_ORGANISATIONS = {
    "Ministry of Digital Economy": {"fr": "Ministère de l’Économie numérique", "es": "Ministerio de Economía Digital"},
    "National Data Protection Authority": {
        "fr": "Autorité nationale de protection des données",
        "es": "Autoridad Nacional de Protección de Datos",
    },
}

SPEAKER_POSITIONS = {
    "Minister of Digital Economy": {
        "fr": {
            "woman": "Ministre de l’Économie numérique",
            "man": "Ministre de l’Économie numérique",
            "other": "Ministre de l’Économie numérique",
        },
        "es": {
            "woman": "Ministra de Economía Digital",
            "man": "Ministro de Economía Digital",
            "other": "Titular del Ministerio de Economía Digital",
        },
    },
    "Commissioner": {
        "fr": {"woman": "Commissaire", "man": "Commissaire", "other": "Commissaire"},
        "es": {"woman": "Comisionada", "man": "Comisionado", "other": "Persona comisionada"},
    },
    "Professor of Computer Science": {
        "fr": {
            "woman": "Professeure d’informatique",
            "man": "Professeur d’informatique",
            "other": "Titulaire d’une chaire d’informatique",
        },
        "es": {
            "woman": "Profesora de Informática",
            "man": "Profesor de Informática",
            "other": "Titular de una cátedra de Informática",
        },
    },
    "Director": {
        "fr": {"woman": "Directrice", "man": "Directeur", "other": "Direction"},
        "es": {"woman": "Directora", "man": "Director", "other": "Titular de la dirección"},
    },
    "Head of Policy": {
        "fr": {
            "woman": "Responsable des politiques publiques",
            "man": "Responsable des politiques publiques",
            "other": "Responsable des politiques publiques",
        },
        "es": {
            "woman": "Responsable de políticas",
            "man": "Responsable de políticas",
            "other": "Responsable de políticas",
        },
    },
    "Chief Scientist": {
        "fr": {"woman": "Scientifique en chef", "man": "Scientifique en chef", "other": "Scientifique en chef"},
        "es": {"woman": "Científica jefa", "man": "Científico jefe", "other": "Responsable de la dirección científica"},
    },
    "Senior Researcher": {
        "fr": {"woman": "Chercheuse principale", "man": "Chercheur principal", "other": "Responsable de recherche"},
        "es": {
            "woman": "Investigadora principal",
            "man": "Investigador principal",
            "other": "Persona investigadora principal",
        },
    },
    "Chair": {
        "fr": {"woman": "Présidente", "man": "Président", "other": "Présidence"},
        "es": {"woman": "Presidenta", "man": "Presidente", "other": "Titular de la presidencia"},
    },
}

SPEAKER_BIOS = {
    "<p>Aigerim Ferreira works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Aigerim Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Aigerim Ferreira se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Aigerim Haddad works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Aigerim Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Aigerim Haddad se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Aigerim Mensah works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Aigerim Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Aigerim Mensah se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Aigerim Okafor works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Aigerim Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Aigerim Okafor se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Alex Dlamini works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Alex Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Alex Dlamini se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Alex Lindqvist works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Alex Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Alex Lindqvist se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Alex Nakamura works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Alex Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Alex Nakamura se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Alex Sarsenova works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Alex Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Alex Sarsenova se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Amara Ferreira works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Amara Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Amara Ferreira se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Amara Haddad works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Amara Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Amara Haddad se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Amara Mensah works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Amara Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Amara Mensah se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Amara Okafor works on the governance of artificial intelligence as minister of digital economy at the Ministry of Digital Economy.</p>": {
        "fr": "<p>Amara Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de ministre de l’Économie numérique.</p>",
        "es": "<p>Amara Okafor se dedica a la gobernanza de la inteligencia artificial como ministra de Economía Digital.</p>",
    },
    "<p>Fatou Dlamini works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Fatou Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Fatou Dlamini se dedica a la gobernanza de la inteligencia artificial como científica jefa del Southern Neurotech Lab.</p>",
    },
    "<p>Fatou Lindqvist works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Fatou Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Fatou Lindqvist se dedica a la gobernanza de la inteligencia artificial como científica jefa del Southern Neurotech Lab.</p>",
    },
    "<p>Fatou Okafor works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Fatou Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Fatou Okafor se dedica a la gobernanza de la inteligencia artificial como científica jefa del Southern Neurotech Lab.</p>",
    },
    "<p>Fatou Sarsenova works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Fatou Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Fatou Sarsenova se dedica a la gobernanza de la inteligencia artificial como científica jefa del Southern Neurotech Lab.</p>",
    },
    "<p>Ingrid Dlamini works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Ingrid Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheuse principale à l’Institute for Climate and Computing.</p>",
        "es": "<p>Ingrid Dlamini se dedica a la gobernanza de la inteligencia artificial como investigadora principal del Institute for Climate and Computing.</p>",
    },
    "<p>Ingrid Mensah works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Ingrid Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheuse principale à l’Institute for Climate and Computing.</p>",
        "es": "<p>Ingrid Mensah se dedica a la gobernanza de la inteligencia artificial como investigadora principal del Institute for Climate and Computing.</p>",
    },
    "<p>Ingrid Okafor works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Ingrid Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheuse principale à l’Institute for Climate and Computing.</p>",
        "es": "<p>Ingrid Okafor se dedica a la gobernanza de la inteligencia artificial como investigadora principal del Institute for Climate and Computing.</p>",
    },
    "<p>Ingrid Sarsenova works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Ingrid Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheuse principale à l’Institute for Climate and Computing.</p>",
        "es": "<p>Ingrid Sarsenova se dedica a la gobernanza de la inteligencia artificial como investigadora principal del Institute for Climate and Computing.</p>",
    },
    "<p>Jonas Dlamini works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Jonas Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheur principal à l’Institute for Climate and Computing.</p>",
        "es": "<p>Jonas Dlamini se dedica a la gobernanza de la inteligencia artificial como investigador principal del Institute for Climate and Computing.</p>",
    },
    "<p>Jonas Mensah works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Jonas Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheur principal à l’Institute for Climate and Computing.</p>",
        "es": "<p>Jonas Mensah se dedica a la gobernanza de la inteligencia artificial como investigador principal del Institute for Climate and Computing.</p>",
    },
    "<p>Jonas Okafor works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Jonas Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheur principal à l’Institute for Climate and Computing.</p>",
        "es": "<p>Jonas Okafor se dedica a la gobernanza de la inteligencia artificial como investigador principal del Institute for Climate and Computing.</p>",
    },
    "<p>Jonas Sarsenova works on the governance of artificial intelligence as senior researcher at the Institute for Climate and Computing.</p>": {
        "fr": "<p>Jonas Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de chercheur principal à l’Institute for Climate and Computing.</p>",
        "es": "<p>Jonas Sarsenova se dedica a la gobernanza de la inteligencia artificial como investigador principal del Institute for Climate and Computing.</p>",
    },
    "<p>Kenji Dlamini works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Kenji Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Kenji Dlamini se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Kenji Haddad works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Kenji Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Kenji Haddad se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Kenji Lindqvist works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Kenji Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Kenji Lindqvist se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Kenji Nakamura works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Kenji Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Kenji Nakamura se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Kwame Ferreira works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Kwame Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Kwame Ferreira se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Kwame Haddad works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Kwame Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Kwame Haddad se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Kwame Mensah works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Kwame Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Kwame Mensah se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Kwame Nakamura works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Kwame Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Kwame Nakamura se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Lucía Ferreira works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Lucía Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Lucía Ferreira se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Lucía Haddad works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Lucía Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Lucía Haddad se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Lucía Lindqvist works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Lucía Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Lucía Lindqvist se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Lucía Nakamura works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Lucía Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Lucía Nakamura se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Mateo Ferreira works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Mateo Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Mateo Ferreira se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Mateo Haddad works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Mateo Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Mateo Haddad se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Mateo Mensah works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Mateo Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Mateo Mensah se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Mateo Nakamura works on the governance of artificial intelligence as commissioner at the National Data Protection Authority.</p>": {
        "fr": "<p>Mateo Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de commissaire de l’Autorité nationale de protection des données.</p>",
        "es": "<p>Mateo Nakamura se dedica a la gobernanza de la inteligencia artificial como comisionado de la Autoridad Nacional de Protección de Datos.</p>",
    },
    "<p>Mei Dlamini works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Mei Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Mei Dlamini se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Mei Lindqvist works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Mei Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Mei Lindqvist se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Mei Nakamura works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Mei Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Mei Nakamura se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Mei Sarsenova works on the governance of artificial intelligence as head of policy at the Open Futures Foundation.</p>": {
        "fr": "<p>Mei Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de responsable des politiques publiques à l’Open Futures Foundation.</p>",
        "es": "<p>Mei Sarsenova se dedica a la gobernanza de la inteligencia artificial como responsable de políticas en la Open Futures Foundation.</p>",
    },
    "<p>Noor Ferreira works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Noor Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Noor Ferreira se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Noor Haddad works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Noor Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Noor Haddad se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Noor Lindqvist works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Noor Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Noor Lindqvist se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Noor Nakamura works on the governance of artificial intelligence as professor of computer science at the University of Cape Town.</p>": {
        "fr": "<p>Noor Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de professeure d’informatique à l’Université du Cap.</p>",
        "es": "<p>Noor Nakamura se dedica a la gobernanza de la inteligencia artificial como profesora de Informática en la Universidad de Ciudad del Cabo.</p>",
    },
    "<p>Priya Ferreira works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Priya Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de présidente de l’AI Supervisory Board.</p>",
        "es": "<p>Priya Ferreira se dedica a la gobernanza de la inteligencia artificial como presidenta del AI Supervisory Board.</p>",
    },
    "<p>Priya Mensah works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Priya Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de présidente de l’AI Supervisory Board.</p>",
        "es": "<p>Priya Mensah se dedica a la gobernanza de la inteligencia artificial como presidenta del AI Supervisory Board.</p>",
    },
    "<p>Priya Okafor works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Priya Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de présidente de l’AI Supervisory Board.</p>",
        "es": "<p>Priya Okafor se dedica a la gobernanza de la inteligencia artificial como presidenta del AI Supervisory Board.</p>",
    },
    "<p>Priya Sarsenova works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Priya Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de présidente de l’AI Supervisory Board.</p>",
        "es": "<p>Priya Sarsenova se dedica a la gobernanza de la inteligencia artificial como presidenta del AI Supervisory Board.</p>",
    },
    "<p>Rafael Dlamini works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Rafael Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Rafael Dlamini se dedica a la gobernanza de la inteligencia artificial como científico jefe del Southern Neurotech Lab.</p>",
    },
    "<p>Rafael Lindqvist works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Rafael Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Rafael Lindqvist se dedica a la gobernanza de la inteligencia artificial como científico jefe del Southern Neurotech Lab.</p>",
    },
    "<p>Rafael Okafor works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Rafael Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Rafael Okafor se dedica a la gobernanza de la inteligencia artificial como científico jefe del Southern Neurotech Lab.</p>",
    },
    "<p>Rafael Sarsenova works on the governance of artificial intelligence as chief scientist at the Southern Neurotech Lab.</p>": {
        "fr": "<p>Rafael Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de scientifique en chef au Southern Neurotech Lab.</p>",
        "es": "<p>Rafael Sarsenova se dedica a la gobernanza de la inteligencia artificial como científico jefe del Southern Neurotech Lab.</p>",
    },
    "<p>Sipho Ferreira works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Sipho Ferreira se consacre à la gouvernance de l’intelligence artificielle en qualité de président de l’AI Supervisory Board.</p>",
        "es": "<p>Sipho Ferreira se dedica a la gobernanza de la inteligencia artificial como presidente del AI Supervisory Board.</p>",
    },
    "<p>Sipho Mensah works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Sipho Mensah se consacre à la gouvernance de l’intelligence artificielle en qualité de président de l’AI Supervisory Board.</p>",
        "es": "<p>Sipho Mensah se dedica a la gobernanza de la inteligencia artificial como presidente del AI Supervisory Board.</p>",
    },
    "<p>Sipho Okafor works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Sipho Okafor se consacre à la gouvernance de l’intelligence artificielle en qualité de président de l’AI Supervisory Board.</p>",
        "es": "<p>Sipho Okafor se dedica a la gobernanza de la inteligencia artificial como presidente del AI Supervisory Board.</p>",
    },
    "<p>Sipho Sarsenova works on the governance of artificial intelligence as chair at the AI Supervisory Board.</p>": {
        "fr": "<p>Sipho Sarsenova se consacre à la gouvernance de l’intelligence artificielle en qualité de président de l’AI Supervisory Board.</p>",
        "es": "<p>Sipho Sarsenova se dedica a la gobernanza de la inteligencia artificial como presidente del AI Supervisory Board.</p>",
    },
    "<p>Tariq Dlamini works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Tariq Dlamini se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Tariq Dlamini se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Tariq Haddad works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Tariq Haddad se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Tariq Haddad se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Tariq Lindqvist works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Tariq Lindqvist se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Tariq Lindqvist se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
    "<p>Tariq Nakamura works on the governance of artificial intelligence as director at the Centre for AI and Human Rights.</p>": {
        "fr": "<p>Tariq Nakamura se consacre à la gouvernance de l’intelligence artificielle en qualité de directeur du Centre for AI and Human Rights.</p>",
        "es": "<p>Tariq Nakamura se dedica a la gobernanza de la inteligencia artificial como director del Centre for AI and Human Rights.</p>",
    },
}
