-- Custom SQL migration file, put your code below! --
-- Contacts written before their source was recorded: those of people enrolled directly carry the
-- role `participant`; every other one came from a referral (the column's default).
UPDATE `contacts` SET `source` = 'enrolment' WHERE `role` = 'participant';
