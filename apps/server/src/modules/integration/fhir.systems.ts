// Identifier and code systems of PhongDich's FHIR resources (docs/integration.md, "FHIR profile notes").
// URNs, not URLs: they name the same thing in every installation and resolve to nothing on purpose.

/** Vietnamese citizen ID (CCCD/CMND) or passport number, digits and capitals without spaces. */
export const ID_NUMBER_SYSTEM = 'urn:phongdich:id-number';
/** Case numbers as officials say them ("BN-00012"). */
export const CASE_CODE_SYSTEM = 'urn:phongdich:case-code';
/** Contacts without an account of their own, by contact id. */
export const CONTACT_SYSTEM = 'urn:phongdich:contact';
/** Symptom codes of the declaration forms (fever, cough, …). */
export const SYMPTOM_SYSTEM = 'urn:phongdich:symptom';
export const PLACE_TYPE_SYSTEM = 'urn:phongdich:place-type';
export const GENERATION_SYSTEM = 'urn:phongdich:contact-generation';
export const ERROR_SYSTEM = 'urn:phongdich:error';
/** Extensions: case classification, contact status, source, exposure and quarantine periods. */
export const EXTENSION_BASE = 'urn:phongdich:fhir:extension';

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const OBSERVATION_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
