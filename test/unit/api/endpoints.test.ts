import * as assert from 'assert';
import { bodyTemplateText, defaultEndpoints, endpointUrl, mergeEndpoints, pathParameters } from '../../../src/core/api/endpoints';

const byId = (id: string, list = defaultEndpoints) => list.find((e) => e.id === id)!;

describe('endpoint catalogue', () => {
  it('holds the SPEC contract with read-only and auth flags and body templates for writes', () => {
    assert.deepStrictEqual(
      defaultEndpoints.map((e) => [e.method, e.path, e.auth, e.readOnly, e.bodyTemplate !== undefined]),
      [
        ['GET', '/ping', false, true, false],
        ['GET', '/account', true, true, false],
        ['POST', '/payments', true, false, true],
        ['GET', '/payments/{id}', true, true, false],
        ['POST', '/refunds', true, false, true],
      ],
    );
    assert.ok(byId('create-payment').idempotent);
    assert.doesNotMatch(bodyTemplateText(byId('create-payment'))!, /\d{13,}/, 'no card number in a template');
    assert.strictEqual(bodyTemplateText(byId('ping')), undefined);
  });

  it('builds URLs with encoded path parameters and refuses missing ones', () => {
    assert.deepStrictEqual(pathParameters(byId('get-payment')), ['id']);
    assert.strictEqual(endpointUrl('https://h/v1/', byId('get-payment'), { id: 'pay_1/../x' }), 'https://h/v1/payments/pay_1%2F..%2Fx');
    assert.throws(() => endpointUrl('https://h/v1', byId('get-payment'), {}), /needs a value for \{id\}/);
    assert.throws(() => endpointUrl('https://h/v1', byId('get-payment'), { id: '..' }), RangeError);
  });

  it('merges overrides: changes fields of a known endpoint, adds new ones, derives readOnly from the method', () => {
    const merged = mergeEndpoints(defaultEndpoints, [
      { id: 'ping', title: 'Health check' },
      { id: 'list-payments', method: 'get', path: '/payments' },
      { id: 'capture-payment', method: 'POST', path: '/payments/{id}/capture', bodyTemplate: { amount: 500 } },
    ]);
    assert.deepStrictEqual(merged.problems, []);
    assert.strictEqual(byId('ping', merged.endpoints).title, 'Health check');
    assert.strictEqual(byId('ping', merged.endpoints).auth, false);
    assert.deepStrictEqual(
      [byId('list-payments', merged.endpoints).readOnly, byId('list-payments', merged.endpoints).auth, byId('capture-payment', merged.endpoints).readOnly],
      [true, true, false],
    );
    assert.strictEqual(defaultEndpoints.length, 5, 'the defaults are not modified');
  });

  it('skips invalid overrides and says why', () => {
    const merged = mergeEndpoints(defaultEndpoints, [
      'x',
      { title: 'no id' },
      { id: 'create-payment', readOnly: true },
      { id: 'evil', method: 'GET', path: '//evil.example/steal' },
      { id: 'evil2', method: 'GET', path: 'https://evil.example/x' },
      { id: 'evil3', method: 'GET', path: '/v1/../../admin' },
      { id: 'evil4', method: 'GET', path: '/account?redirect=x' },
      { id: 'bad-method', method: 'TRACE', path: '/x' },
      { id: 'get-body', method: 'GET', path: '/x', bodyTemplate: { a: 1 } },
      { id: 'Bad_Id', method: 'GET', path: '/x' },
    ]);
    assert.strictEqual(merged.problems.length, 10, merged.problems.join('\n'));
    assert.match(merged.problems[2], /readOnly is derived/);
    assert.deepStrictEqual(merged.endpoints, [...defaultEndpoints]);
    assert.deepStrictEqual(mergeEndpoints(defaultEndpoints, { ping: {} }).problems, ['The endpoint overrides must be an array of objects.']);
    assert.deepStrictEqual(mergeEndpoints(defaultEndpoints, undefined).problems, []);
  });
});
