import React from 'react';
import PropTypes from 'prop-types';
import ReactDOM from 'react-dom';

export class Parent extends React.Component {
  static childContextTypes = { theme: PropTypes.string };

  getChildContext() {
    return { theme: 'dark' };
  }

  componentDidMount() {
    this.refs.input.focus();
    ReactDOM.findDOMNode(this).scrollIntoView();
  }

  render() {
    return <input ref="input" />;
  }
}
Parent.defaultProps = { theme: 'light' };
Parent.contextTypes = { store: PropTypes.object };

export function Heading({ text }) {
  return <h1>{text}</h1>;
}
Heading.propTypes = { text: PropTypes.string };
Heading.defaultProps = { text: 'Hello, world!' };

const button = React.createFactory('button');

export function FactoryComponent() {
  return {
    render() {
      return button();
    },
  };
}
