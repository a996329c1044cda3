// Links from a role's home page to the pages it works from, each with a line saying what it is for.
import { Link } from 'react-router';

export type HomeLink = { to: string; text: string; hint: string };

export function HomeLinks({ links }: { links: HomeLink[] }) {
  return (
    <ul className="nhsuk-grid-row nhsuk-card-group">
      {links.map((link) => (
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item" key={link.to}>
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to={link.to}>
                  {link.text}
                </Link>
              </h2>
              <p className="nhsuk-card__description">{link.hint}</p>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
