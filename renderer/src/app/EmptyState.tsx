import type { IconComponent } from './icons';

export function EmptyState({ icon: Icon, title, body, id }: { icon: IconComponent; title: string; body: string; id?: string }) {
  return (
    <section className="empty-state" aria-labelledby={id}>
      <div className="empty-state__art" aria-hidden="true">
        <Icon size={56} />
      </div>
      <h1 className="empty-state__title" id={id}>
        {title}
      </h1>
      <p className="empty-state__body">{body}</p>
    </section>
  );
}
