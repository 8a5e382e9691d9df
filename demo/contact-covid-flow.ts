import { html, render } from 'lit';

/**
 * How a host product chains the Contact COVID elements: one view at a time, moved by the
 * elements' events (the host owns navigation; the elements never navigate).
 */
type View = { name: 'list' } | { name: 'new-patient' } | { name: 'file'; id: string; notice?: string } | { name: 'edit'; id: string; kind: string } | { name: 'new-contact'; indexCaseId: string };

export function mountContactCovidFlow(container: HTMLElement): { reset(): void; searchPatient(nir: string): void } {
  let view: View = { name: 'list' };
  /** The NIR of the product's current patient, searched in the list ('' for every file). */
  let patientNir = '';
  /** Shows a view; moving within the flow brings its top into sight (not a new session's list). */
  const show = (next: View, scroll = true) => {
    view = next;
    draw();
    if (scroll) container.scrollIntoView({ block: 'start' });
  };
  const detail = (event: Event) => (event as Event & { detail: Record<string, string> }).detail;

  container.addEventListener('patient-create-request', () => show({ name: 'new-patient' }));
  container.addEventListener('patient-open-request', (e) => show({ name: 'file', id: detail(e)['id']! }));
  container.addEventListener('patient-list-request', () => show({ name: 'list' }));
  container.addEventListener('patient-edit-request', (e) => show({ name: 'edit', id: detail(e)['id']!, kind: detail(e)['kind']! }));
  container.addEventListener('contact-create-request', (e) => show({ name: 'new-contact', indexCaseId: detail(e)['indexCaseId']! }));
  container.addEventListener('patient-saved', (e) => {
    if (!detail(e)['draft']) show({ name: 'file', id: detail(e)['id']! });
  });
  // A new contact: back to its patient zéro's file, where it is listed; an edited one (a mask,
  // a sampling, a promotion): its own file. Either way with the form's confirmation on top.
  container.addEventListener('contact-saved', (e) =>
    show({ name: 'file', id: view.name === 'new-contact' && !detail(e)['promoted'] ? detail(e)['indexCaseId']! : detail(e)['id']!, notice: detail(e)['message'] ?? '' }),
  );
  container.addEventListener('patient-edit-cancelled', (e) => show(detail(e)['id'] ? { name: 'file', id: detail(e)['id']! } : { name: 'list' }));
  container.addEventListener('contact-edit-cancelled', (e) => show({ name: 'file', id: detail(e)['id'] || detail(e)['indexCaseId']! }));

  function draw() {
    const v = view;
    render(
      v.name === 'list'
        ? html`<contact-covid-patient-list nir=${patientNir}></contact-covid-patient-list>`
        : v.name === 'new-patient'
          ? html`<contact-covid-patient-form></contact-covid-patient-form>`
          : v.name === 'file'
            ? html`<contact-covid-patient-file fiche-id=${v.id} notice=${v.notice ?? ''}></contact-covid-patient-file>`
            : v.name === 'edit'
              ? v.kind === 'patient_zero'
                ? html`<contact-covid-patient-form fiche-id=${v.id}></contact-covid-patient-form>`
                : html`<contact-covid-contact-form fiche-id=${v.id}></contact-covid-contact-form>`
              : html`<contact-covid-contact-form index-case-id=${v.indexCaseId}></contact-covid-contact-form>`,
      container,
    );
  }
  draw();
  return {
    reset() {
      patientNir = '';
      show({ name: 'list' }, false);
    },
    searchPatient(nir: string) {
      patientNir = nir;
      show({ name: 'list' });
    },
  };
}
