// The worker opens sealed values too (instance credentials), so the box lives in libs/database.
export { SecretBox } from '@nprod/database';
