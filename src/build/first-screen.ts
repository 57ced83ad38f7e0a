// Moved to the runner layer: the page keeps these answers with a stored data set too.
export { FIRST_SCREEN } from '../runner/first-screen';
