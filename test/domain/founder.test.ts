import { founderOf } from '../../src/domain/permissions';
import { findMemberships, type Identity } from '../../src/domain/identity';
import { sampleCohort } from '../support/sample-cohort';

const LISTED = ['Mette.Ny@agency.example.org'];
const OID = '0c4f7a52-7a8e-4d61-9d1e-3f3c2b2d9a10';

const founder = (identity: Identity) => founderOf([], [], identity, 'Mette Ny', LISTED);

describe('who may create a cohort', () => {
  it('lets a member ADVISORS lists create one, matched by their sign-in name in any case', () => {
    expect(founder({ aadObjectId: OID, userPrincipalName: 'mette.ny@AGENCY.example.org' })).toMatchObject({ name: 'Mette Ny', email: 'mette.ny@agency.example.org', entraObjectId: OID });
  });

  it('does not take an e-mail claim for a listed address when the sign-in name is someone else’s, as a guest’s may be', () => {
    expect(founder({ aadObjectId: OID, userPrincipalName: 'mette.ny_agency.example.org#EXT#@agency.onmicrosoft.com', email: 'mette.ny@agency.example.org' })).toBeNull();
    expect(founder({ aadObjectId: OID, userPrincipalName: 'other@agency.example.org', email: 'mette.ny@agency.example.org' })).toBeNull();
  });

  it('in local mode, where there is no token, goes by the address named', () => {
    expect(founder({ email: 'mette.ny@agency.example.org' })).not.toBeNull();
    expect(founder({ email: 'someone@agency.example.org' })).toBeNull();
  });

  it('lets an advisor of a cohort create another, their record copied', () => {
    const cohort = sampleCohort();
    const advisor = cohort.advisors[0]!;
    const identity = { aadObjectId: advisor.entraObjectId, userPrincipalName: advisor.email };
    expect(founderOf([cohort], findMemberships([cohort], identity), identity, null, [])).toMatchObject({ name: advisor.name, title: advisor.title });
  });
});
