import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One single sign-on attempt between the redirect to the identity provider and its
 * callback: the PKCE verifier and nonce stay on the server, and the row is bound to the
 * browser that started the attempt by a cookie whose hash is stored here. Used once,
 * lives minutes.
 */
@Entity('sso_login_states')
export class SsoLoginStateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The OAuth `state` sent to the provider and echoed back to the callback. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  state: string;

  /** SHA-256 of the random value in the browser's `nprod_sso` cookie. */
  @Column({ type: 'text' })
  browserBindingHash: string;

  @Column({ type: 'text' })
  codeVerifier: string;

  @Column({ type: 'text' })
  nonce: string;

  /** Console route to open after signing in; always a relative path. */
  @Column({ type: 'text', nullable: true })
  returnTo: string | null;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
