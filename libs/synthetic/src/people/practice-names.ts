/**
 * Words for made-up practice names ("Cedar Valley Pediatrics"): generic place words and practice
 * kinds, combined at random, naming no practice in particular.
 */
export const PRACTICE_PLACE_WORDS = [
  'Cedar', 'Maple', 'Willow', 'Riverbend', 'Lakeside', 'Hillcrest', 'Prairie', 'Harbor', 'Summit', 'Meadow',
  'Northgate', 'Southfield', 'Eastbrook', 'Westview', 'Pinecrest', 'Stonebridge', 'Oak Hollow', 'Clearwater', 'Sunrise', 'Canyon',
];

export const PRACTICE_KIND_WORDS = [
  'Family Medicine', 'Pediatrics', 'Community Health Center', 'Medical Group', 'Primary Care', 'Health Partners',
  'Behavioral Health', 'Family Clinic', 'Health Associates', 'Wellness Center',
];
