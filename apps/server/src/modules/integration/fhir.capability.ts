import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

const READ_SEARCH = [{ code: 'read' as const }, { code: 'search-type' as const }];
const param = (name: string, type: 'token' | 'reference' | 'string' | 'number', documentation: string) => ({ name, type, documentation });

const RESOURCES: CapabilityStatementRestResource[] = [
  {
    type: 'Patient',
    interaction: READ_SEARCH,
    documentation: 'People who are cases or contacts in the key\u2019s area. Reads are audited.',
    searchParam: [
      param('_id', 'token', 'Logical id'),
      param('identifier', 'token', 'urn:phongdich:id-number|<ID or passport number>, or urn:phongdich:case-code|BN-00012'),
      param('phone', 'token', 'Phone number (any usual spelling; matched through the keyed phone index)'),
      param('_count', 'number', 'Page size, at most 200'),
    ],
  },
  {
    type: 'Condition',
    interaction: READ_SEARCH,
    documentation: 'Cases: verificationStatus unconfirmed (suspected), provisional (probable), confirmed.',
    searchParam: [
      param('_id', 'token', 'Logical id'),
      param('patient', 'reference', 'Patient/<id>'),
      param('identifier', 'token', 'urn:phongdich:case-code|BN-00012'),
      param('verification-status', 'token', 'unconfirmed | provisional | confirmed'),
      param('clinical-status', 'token', 'active | resolved'),
      param('_count', 'number', 'Page size, at most 200'),
    ],
    operation: [{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything', documentation: 'GET /fhir/Condition/{id}/$everything: the case, its patient, its tests and declared symptoms, the List of its contacts and their Patients, as a collection Bundle; where the installation shares them, Encounters of its check-ins while infectious with their Locations.' }],
  },
  {
    type: 'Observation',
    interaction: READ_SEARCH,
    documentation: 'Lab results received (category laboratory) and symptoms from health declarations (category survey, ids decl-*).',
    searchParam: [param('patient', 'reference', 'Patient/<id> (required)'), param('category', 'token', 'laboratory | survey'), param('_count', 'number', 'Page size, at most 200')],
  },
  { type: 'List', interaction: [{ code: 'read' }], documentation: 'List/contacts-<case id>: the contacts traced from a case (entry.flag F1, F2 …).' },
  {
    type: 'Location',
    interaction: READ_SEARCH,
    documentation: 'Registered places (QR checkpoints) of the key\u2019s area.',
    searchParam: [param('_id', 'token', 'Logical id'), param('name', 'string', 'Part of the name, without regard to diacritics')],
  },
];

/** The server's CapabilityStatement (GET /fhir/metadata). */
export function capabilityStatement(baseUrl: string, date: string, software: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'PhongDich',
    kind: 'instance',
    software: { name: 'PhongDich', version: software },
    implementation: { description: 'PhongDich FHIR R4 exchange', url: `${baseUrl}/fhir` },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Authenticate with an API key: Authorization: Bearer <key>. Keys are bound to a unit and permissions (fhir.read to read, labs.write to send lab results).',
        security: { description: 'Bearer API keys issued by the administrator; every read of personal data is audited.' },
        resource: RESOURCES,
        interaction: [{ code: 'transaction', documentation: 'POST /fhir with a transaction, batch or collection Bundle of Observation (+ Patient) lab results; all or nothing.' }, { code: 'batch' }],
      },
    ],
  };
}
