/**
 * Common US given names and surnames. Combined at random they describe nobody in particular;
 * a few surnames carry an apostrophe, a space, a hyphen or a suffix with a comma, because real
 * feeds do and CSV quoting must cope.
 */
export const FEMALE_FIRST_NAMES = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen',
  'Lisa', 'Nancy', 'Betty', 'Sandra', 'Margaret', 'Ashley', 'Kimberly', 'Emily', 'Donna', 'Michelle',
  'Carol', 'Amanda', 'Melissa', 'Deborah', 'Stephanie', 'Rebecca', 'Sharon', 'Laura', 'Cynthia', 'Amy',
  'Angela', 'Brenda', 'Emma', 'Olivia', 'Ava', 'Sophia', 'Isabella', 'Mia', 'Maria', 'Guadalupe',
  'Aaliyah', 'Destiny', 'Ximena', 'Mei', 'Fatima', 'Priya', 'Keisha', 'Jasmine', 'Chloe', 'Zoe',
];

export const MALE_FIRST_NAMES = [
  'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Christopher',
  'Charles', 'Daniel', 'Matthew', 'Anthony', 'Mark', 'Donald', 'Steven', 'Andrew', 'Paul', 'Joshua',
  'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Jason', 'Edward', 'Jeffrey', 'Ryan',
  'Jacob', 'Liam', 'Noah', 'Elijah', 'Mateo', 'Lucas', 'Ethan', 'Jose', 'Luis', 'Juan',
  'DeShawn', 'Jamal', 'Wei', 'Mohammed', 'Arjun', 'Tyrone', 'Santiago', 'Hiroshi', 'Malik', 'Dmitri',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Begay', 'Yazzie', 'Kim', 'Patel', 'Chen', 'Wong', 'Singh', 'Ali', 'Cohen', 'Kowalski',
  "O'Brien", "O'Connor", "D'Angelo", 'De La Cruz', 'Van Dyke', 'Garcia-Lopez', 'Smith-Jones', 'St. John', 'McDonald', 'MacLeod',
];

/** Appended to a small share of surnames; the comma makes the field need quoting. */
export const NAME_SUFFIXES = [', Jr.', ', Sr.', ' III'];
