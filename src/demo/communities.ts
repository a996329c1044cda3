// Names and languages for demo people, grouped by the communities that live in the demo boroughs.
// Older people get the given names common in their generation where that differs.
export type Community = {
  key: string;
  /** The community's main language other than English, or null when it is English. */
  language: string | null;
  given: {
    female: readonly string[];
    male: readonly string[];
    olderFemale?: readonly string[];
    olderMale?: readonly string[];
  };
  family: { any: readonly string[]; female?: readonly string[]; male?: readonly string[] };
};

export const communities: readonly Community[] = [
  {
    key: 'british',
    language: null,
    given: {
      female: ['Chloe', 'Emily', 'Sophie', 'Hannah', 'Lauren', 'Jessica', 'Rebecca', 'Amy', 'Gemma'],
      male: ['Daniel', 'James', 'Thomas', 'Ryan', 'Luke', 'Matthew', 'Callum', 'Jack', 'Liam'],
      olderFemale: [
        'Margaret',
        'Patricia',
        'Doreen',
        'Maureen',
        'Sylvia',
        'Jean',
        'Brenda',
        'Joan',
        'Valerie',
      ],
      olderMale: ['Brian', 'Kenneth', 'Terence', 'Raymond', 'Roy', 'Dennis', 'Alan', 'Leslie', 'Derek'],
    },
    family: {
      any: [
        'Smith',
        'Taylor',
        'Clarke',
        'Walker',
        'Harris',
        'Wright',
        'Turner',
        'Hughes',
        'Cooper',
        'Baker',
        'Mills',
      ],
    },
  },
  {
    key: 'irish',
    language: null,
    given: {
      female: ['Siobhan', 'Aoife', 'Niamh', 'Ciara', 'Orla'],
      male: ['Declan', 'Conor', 'Sean', 'Ciaran', 'Eoin'],
      olderFemale: ['Bridget', 'Kathleen', 'Eileen', 'Mary', 'Noreen'],
      olderMale: ['Patrick', 'Michael', 'Seamus', 'Gerard', 'Brendan'],
    },
    family: { any: ['Murphy', "O'Brien", 'Kelly', 'Doyle', 'Byrne', 'Walsh', "O'Sullivan", 'McCarthy'] },
  },
  {
    key: 'caribbean',
    language: null,
    given: {
      female: ['Tanya', 'Shanice', 'Keisha', 'Jade', 'Aaliyah'],
      male: ['Marlon', 'Jermaine', 'Dwayne', 'Tyrone', 'Andre'],
      olderFemale: ['Marcia', 'Beverley', 'Pauline', 'Joy', 'Hyacinth', 'Gloria'],
      olderMale: ['Delroy', 'Winston', 'Clive', 'Errol', 'Lloyd', 'Neville'],
    },
    family: {
      any: ['Campbell', 'Brown', 'Williams', 'Thompson', 'Reid', 'Francis', 'Grant', 'Samuels', 'Henry'],
    },
  },
  {
    key: 'nigerian',
    language: null,
    given: {
      female: ['Funmilayo', 'Ngozi', 'Chiamaka', 'Folake', 'Yetunde', 'Adaobi'],
      male: ['Adebayo', 'Chidi', 'Oluwaseun', 'Emeka', 'Tunde', 'Olumide'],
    },
    family: { any: ['Okafor', 'Adeyemi', 'Okonkwo', 'Adebayo', 'Nwachukwu', 'Ogunleye', 'Eze'] },
  },
  {
    key: 'ghanaian',
    language: null,
    given: {
      female: ['Abena', 'Adwoa', 'Akosua', 'Efua', 'Ama'],
      male: ['Kwame', 'Kofi', 'Kwabena', 'Yaw', 'Kwesi'],
    },
    family: { any: ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Appiah', 'Osei'] },
  },
  {
    key: 'turkish',
    language: 'Turkish',
    given: {
      female: ['Ayşe', 'Fatma', 'Emine', 'Zeynep', 'Elif', 'Hatice', 'Derya'],
      male: ['Mehmet', 'Hasan', 'Mustafa', 'Ali', 'Hüseyin', 'Murat', 'Kemal'],
    },
    family: { any: ['Yılmaz', 'Demir', 'Kaya', 'Şahin', 'Çelik', 'Aydın', 'Öztürk', 'Doğan', 'Arslan'] },
  },
  {
    key: 'greek-cypriot',
    language: 'Greek',
    given: {
      female: ['Eleni', 'Maria', 'Androulla', 'Georgia', 'Despina'],
      male: ['Andreas', 'Georgios', 'Costas', 'Panayiotis', 'Christakis'],
    },
    family: { any: ['Georgiou', 'Christodoulou', 'Constantinou', 'Ioannou', 'Charalambous', 'Demetriou'] },
  },
  {
    key: 'polish',
    language: 'Polish',
    given: {
      female: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Joanna', 'Halina', 'Barbara'],
      male: ['Krzysztof', 'Tomasz', 'Piotr', 'Marek', 'Jan', 'Andrzej'],
    },
    // Surnames that take the same form for women and men.
    family: { any: ['Nowak', 'Wójcik', 'Mazur', 'Krawczyk', 'Kaczmarek', 'Dudek', 'Pawlak', 'Sikora'] },
  },
  {
    key: 'lithuanian',
    language: 'Lithuanian',
    given: {
      female: ['Rasa', 'Jurgita', 'Ieva', 'Laima'],
      male: ['Tomas', 'Mindaugas', 'Darius', 'Giedrius'],
    },
    family: {
      any: [],
      female: ['Kazlauskienė', 'Petrauskienė', 'Jankauskienė'],
      male: ['Kazlauskas', 'Petrauskas', 'Jankauskas'],
    },
  },
  {
    key: 'romanian',
    language: 'Romanian',
    given: {
      female: ['Elena', 'Ioana', 'Mihaela', 'Andreea', 'Gabriela'],
      male: ['Ionuț', 'Mihai', 'Florin', 'Adrian', 'Constantin'],
    },
    family: { any: ['Popescu', 'Ionescu', 'Dumitru', 'Stan', 'Munteanu', 'Rusu'] },
  },
  {
    key: 'portuguese',
    language: 'Portuguese',
    given: {
      female: ['Ana', 'Maria', 'Luciana', 'Fernanda', 'Rita', 'Juliana'],
      male: ['João', 'Paulo', 'Rui', 'Tiago', 'Marcos', 'Luís'],
    },
    family: { any: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Costa', 'Oliveira', 'Rodrigues'] },
  },
  {
    key: 'somali',
    language: 'Somali',
    given: {
      female: ['Hodan', 'Faadumo', 'Ayaan', 'Hibo', 'Sahra', 'Khadra', 'Amran'],
      male: ['Abdi', 'Mohamed', 'Ahmed', 'Abdirahman', 'Yusuf', 'Hassan', 'Mahad'],
    },
    family: { any: ['Farah', 'Hassan', 'Warsame', 'Abdullahi', 'Osman', 'Jama', 'Hersi', 'Egal'] },
  },
  {
    key: 'arabic',
    language: 'Arabic',
    given: {
      female: ['Samira', 'Leila', 'Nour', 'Amina', 'Rania'],
      male: ['Karim', 'Youssef', 'Omar', 'Khalid', 'Tarek'],
    },
    family: { any: ['Benali', 'Haddad', 'Al-Khatib', 'Mansour', 'El-Amin', 'Bouzid'] },
  },
  {
    key: 'bangladeshi',
    language: 'Bengali',
    given: {
      female: ['Rahima', 'Shahana', 'Nasima', 'Fatema', 'Rokeya', 'Taslima', 'Sumaiya', 'Jahanara'],
      male: ['Abdul', 'Mohammed', 'Jamal', 'Anwar', 'Shahid', 'Rashid', 'Kamal', 'Faruk'],
    },
    // Begum and Khatun are women's names; Miah and Uddin are mostly men's.
    family: {
      any: ['Rahman', 'Ahmed', 'Islam', 'Hussain', 'Ali', 'Chowdhury', 'Hoque'],
      female: ['Begum', 'Khatun'],
      male: ['Miah', 'Uddin'],
    },
  },
  {
    key: 'pakistani',
    language: 'Urdu',
    given: {
      female: ['Nadia', 'Shazia', 'Saima', 'Rubina', 'Ayesha', 'Naseem'],
      male: ['Imran', 'Tariq', 'Bilal', 'Zubair', 'Asif', 'Naveed'],
    },
    family: { any: ['Khan', 'Iqbal', 'Chaudhry', 'Malik', 'Butt', 'Akhtar', 'Shah', 'Mirza'] },
  },
];

export function findCommunity(key: string): Community {
  const community = communities.find((c) => c.key === key);
  if (!community) throw new Error(`Unknown demo community ${key}`);
  return community;
}
